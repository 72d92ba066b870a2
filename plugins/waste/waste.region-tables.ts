import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { WasteOperatorRole } from './waste.entities.js';

/**
 * The waste (ТКО) sector's reference data of a region, kept in the region
 * pack (`sectors/waste/*.json`, docs/regions.md): the operators (by their
 * body in organizations.json) and container sites (by their fixed `id`).
 */
export const wasteOperatorRow = z.strictObject({
  organizationCode: f.organizationCode,
  name: f.text,
  role: z.enum(WasteOperatorRole),
  inn: f.inn.optional(),
  demo: f.demo,
  note: f.note,
});

export const containerSiteRow = z.strictObject({
  id: z.uuid(),
  address: f.text,
  municipalityCode: f.municipalityCode,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  containers: z.number().int().nonnegative(),
  demo: f.demo,
  note: f.note,
});

export const wasteTables = regionTables({ operators: wasteOperatorRow, 'container-sites': containerSiteRow });
