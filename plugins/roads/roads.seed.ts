import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { roadsTables } from './roads.region-tables.js';

/** Road segments by code: idempotent, every start. */
export async function seedRoads(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'roads_segment',
    await Promise.all(
      roadsTables.rows('road-segments').map(async (r) => ({
        code: r.code,
        name: r.name,
        road_number: r.roadNumber ?? null,
        km_from: r.kmFrom,
        km_to: r.kmTo,
        owner: r.owner,
        municipality_id: await ctx.municipalityId(r.municipalityCode),
        demo: r.demo ?? false,
      })),
    ),
    ['code'],
  );
}
