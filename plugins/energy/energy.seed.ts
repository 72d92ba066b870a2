import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { energyTables } from './energy.region-tables.js';

/** Energy companies by name: idempotent, every start. */
export async function seedEnergy(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'energy_company',
    energyTables.rows('companies').map((c) => ({
      name: c.name,
      short_name: c.shortName,
      kind: c.kind,
      municipality_codes: c.municipalityCodes ?? null,
      inn: c.inn ?? null,
      hotline: c.hotline ?? null,
      demo: c.demo ?? false,
    })),
    ['name'],
  );
}
