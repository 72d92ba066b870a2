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
  demo: f.demo,
  note: f.note,
});

export const educationTables = regionTables({ institutions: educationInstitutionRow });
