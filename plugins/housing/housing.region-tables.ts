import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';

/**
 * The housing sector's reference data of a region, kept in the region pack
 * (`sectors/housing/*.json`, docs/regions.md): management organizations
 * (seeded by INN) and the apartment buildings they manage (by address).
 */
export const managementCompanyRow = z.strictObject({
  name: f.text,
  inn: f.inn,
  municipalityCode: f.municipalityCode,
  demo: f.demo,
  note: f.note,
});

export const apartmentBuildingRow = z.strictObject({
  address: f.text,
  municipalityCode: f.municipalityCode,
  yearBuilt: z.number().int().min(1700).max(2100),
  floors: z.number().int().positive(),
  /** The INN of a row of management-companies.json. */
  managementCompanyInn: f.inn,
  demo: f.demo,
  note: f.note,
});

export const housingTables = regionTables({ 'management-companies': managementCompanyRow, 'apartment-buildings': apartmentBuildingRow });
