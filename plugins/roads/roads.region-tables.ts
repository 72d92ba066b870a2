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
  /** The road's number (letter, hyphen, digits), where there is one; a FEDERAL segment's number routes appeals naming it to the ministry. */
  roadNumber: f.text.optional(),
  /** The road's own name that residents write instead of its number, where it has one; routes like the number. */
  roadName: f.text.optional(),
  kmFrom: z.number().nonnegative(),
  kmTo: z.number().nonnegative(),
  owner: z.enum(RoadOwner),
  municipalityCode: f.municipalityCode,
  demo: f.demo,
  note: f.note,
});

export const roadsTables = regionTables({ 'road-segments': roadSegmentRow });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fold = (text: string) => text.toLowerCase().replace(/ё/g, 'е');
let federal: { rows: readonly unknown[]; pattern: RegExp } | null = null;

/**
 * Words that name a federal road of the pack (its FEDERAL segments' numbers,
 * written with or without the hyphen or a space, and their own names) or
 * federal roads in general. Built once per loaded pack.
 */
export function federalRoadPattern(): RegExp {
  const rows = roadsTables.rows('road-segments');
  if (federal?.rows !== rows) {
    const words = new Set<string>();
    for (const row of rows.filter((r) => r.owner === RoadOwner.FEDERAL)) {
      const number = row.roadNumber && /^(\D+?)[-\s]*(\d+)$/.exec(fold(row.roadNumber));
      if (number) words.add(`${escape(number[1]!)}-? ?${number[2]}`);
      if (row.roadName) words.add(escape(fold(row.roadName)));
    }
    federal = { rows, pattern: new RegExp([...words, 'федеральн\\S* (трасс|дорог)'].join('|')) };
  }
  return federal.pattern;
}
