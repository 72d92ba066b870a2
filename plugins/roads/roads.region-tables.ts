import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { RoadOwner } from './roads.entities.js';

/**
 * The roads sector's reference data of a region, kept in the region pack
 * (`sectors/roads/road-segments.json`, docs/regions.md): road segments,
 * seeded idempotently by `code`. Kilometre bounds serve the demo and the
 * routing of appeals by segment, not engineering.
 */
export const roadSegmentRow = z.strictObject({
  code: f.code,
  name: f.text,
  /** The federal road number (Р-176), where there is one. */
  roadNumber: f.text.optional(),
  kmFrom: z.number().nonnegative(),
  kmTo: z.number().nonnegative(),
  owner: z.enum(RoadOwner),
  municipalityCode: f.municipalityCode,
  demo: f.demo,
  note: f.note,
});

export const roadsTables = regionTables({ 'road-segments': roadSegmentRow });
