import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { EnergyCompanyKind } from './energy.entities.js';

/**
 * The energy sector's reference data of a region, kept in the region pack
 * (`sectors/energy/companies.json`, docs/regions.md): the grid, supply and gas
 * companies residents name in appeals, seeded idempotently by `name`.
 */
export const energyCompanyRow = z.strictObject({
  name: f.text,
  shortName: f.text,
  kind: z.enum(EnergyCompanyKind),
  /** Municipalities it serves; absent means the whole region. */
  municipalityCodes: z.array(f.municipalityCode).optional(),
  inn: f.inn.optional(),
  /** Round-the-clock line residents are told to call, where known. */
  hotline: f.text.optional(),
  demo: f.demo,
  note: f.note,
});

export const energyTables = regionTables({ companies: energyCompanyRow });
