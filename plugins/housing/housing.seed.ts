import { referenceId, upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { housingTables } from './housing.region-tables.js';

/** Management companies by INN, then buildings by address: idempotent, every start. */
export async function seedHousing(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'housing_management_company',
    await Promise.all(
      housingTables.rows('management-companies').map(async (c) => ({
        name: c.name,
        inn: c.inn,
        municipality_id: await ctx.municipalityId(c.municipalityCode),
        demo: c.demo ?? false,
      })),
    ),
    ['inn'],
  );
  await upsertRows(
    ctx.em,
    'housing_apartment_building',
    await Promise.all(
      housingTables.rows('apartment-buildings').map(async (b) => ({
        address: b.address,
        municipality_id: await ctx.municipalityId(b.municipalityCode),
        year_built: b.yearBuilt,
        floors: b.floors,
        management_company_id: referenceId('housing_management_company', 'inn', b.managementCompanyInn),
        demo: b.demo ?? false,
      })),
    ),
    ['address'],
  );
}
