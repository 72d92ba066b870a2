import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';

/**
 * The social sector's reference data of a region, kept in the region pack
 * (`sectors/social/*.json`, docs/regions.md): the support measures residents
 * ask about (federal and the region's own) and the social service centres,
 * seeded idempotently by `code`.
 */
export const socialMeasureRow = z.strictObject({
  /** Also the value of `measureCode` in an appeal's details. */
  code: f.code,
  name: f.text,
  legalBasis: f.text,
  eligible: f.text,
  /** Who grants it: the Social Fund branch, the region's ministry, or the municipality. */
  provider: z.enum(['osfr', 'min-social', 'municipality']),
  demo: f.demo,
  note: f.note,
});
export type MeasureProvider = z.infer<typeof socialMeasureRow>['provider'];

export const socialServiceCentreRow = z.strictObject({
  code: f.code,
  name: f.text,
  address: f.text,
  municipalityCode: f.municipalityCode,
  /** Other municipalities the centre also serves. */
  alsoServes: z.array(f.municipalityCode).optional(),
  demo: f.demo,
  note: f.note,
});

export const socialTables = regionTables({ measures: socialMeasureRow, 'service-centres': socialServiceCentreRow });
