import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { educationTables } from './education.region-tables.js';

/** Schools and kindergartens by their fixed id: idempotent, every start. */
export async function seedEducation(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'education_institution',
    await Promise.all(
      educationTables.rows('institutions').map(async (i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
        address: i.address,
        municipality_id: await ctx.municipalityId(i.municipalityCode),
        demo: i.demo ?? false,
      })),
    ),
    ['id'],
  );
}
