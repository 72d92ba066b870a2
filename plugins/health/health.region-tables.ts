import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { MedicalOrganizationKind } from './health.entities.js';

/**
 * The health sector's reference data of a region, kept in the region pack
 * (`sectors/health/medical-organizations.json`, docs/regions.md): medical
 * organizations, seeded idempotently by `code`. `organizationCode` links a
 * record to the pack's body appeals are routed to; `demo: true` marks a
 * record whose name or existence was not checked against an official register.
 */
export const medicalOrganizationRow = z.strictObject({
  code: f.code,
  name: f.text,
  kind: z.enum(MedicalOrganizationKind),
  /** Where the street is not known for certain, only the settlement. */
  address: f.text,
  municipalityCode: f.municipalityCode,
  organizationCode: f.organizationCode.optional(),
  demo: f.demo,
  note: f.note,
});

/**
 * Territorial care (`sectors/health/hospital-areas.json`): the body that
 * answers for a hospital's care to the people of the municipalities it
 * serves. A municipality is listed in one row; the first row listing it wins.
 */
export const hospitalAreaRow = z.strictObject({
  code: f.code,
  organizationCode: f.organizationCode,
  municipalityCodes: z.array(f.municipalityCode).min(1, 'expected at least one municipality'),
  note: f.note,
});

export const healthTables = regionTables({ 'medical-organizations': medicalOrganizationRow, 'hospital-areas': hospitalAreaRow });

/** The body of the hospital that serves the municipality (hospital-areas), null where the pack names none. */
export function hospitalServing(municipalityCode: string | null): string | null {
  if (municipalityCode === null) return null;
  return healthTables.rows('hospital-areas').find((area) => area.municipalityCodes.includes(municipalityCode))?.organizationCode ?? null;
}
