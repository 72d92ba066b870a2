import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { EducationInstitutionKind } from './education.entities.js';

/**
 * The education sector's reference data of a region, kept in the region pack
 * (`sectors/education/institutions.json`, docs/regions.md): schools and
 * kindergartens, seeded idempotently by their fixed `id`.
 */
export const educationInstitutionRow = z.strictObject({
  id: z.uuid(),
  name: f.text,
  kind: z.enum(EducationInstitutionKind),
  address: f.text,
  municipalityCode: f.municipalityCode,
  /** For an institution the region founded: the names residents write for it (lowercase, «е» for «ё»), which route an appeal to the ministry. */
  regionalNames: z.array(f.text).optional(),
  demo: f.demo,
  note: f.note,
});

export const educationTables = regionTables({ institutions: educationInstitutionRow });

/** Schools and colleges the region itself founded (ГБОУ, ГБПОУ), not a municipality: by the founder's words and the pack's `regionalNames`. */
const FOUNDED_BY_REGION = ['республиканск', 'гбоу', 'гбпоу', 'гбу до'];
const OWN_KINDS = ['колледж', 'техникум'];
let regional: { rows: readonly unknown[]; pattern: RegExp } | null = null;

export function regionalInstitutionPattern(): RegExp {
  const rows = educationTables.rows('institutions');
  if (regional?.rows !== rows) {
    const names = rows.flatMap((row) => row.regionalNames ?? []).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    regional = { rows, pattern: new RegExp([...FOUNDED_BY_REGION, ...names, ...OWN_KINDS].join('|')) };
  }
  return regional.pattern;
}
