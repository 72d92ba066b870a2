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

export const healthTables = regionTables({ 'medical-organizations': medicalOrganizationRow });
