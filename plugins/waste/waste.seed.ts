import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { wasteTables } from './waste.region-tables.js';

/** Operators by their organization, container sites by their fixed id: idempotent, every start. */
export async function seedWaste(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'waste_operator',
    await Promise.all(
      wasteTables.rows('operators').map(async (o) => ({
        name: o.name,
        role: o.role,
        organization_id: await ctx.organizationId(o.organizationCode),
        inn: o.inn ?? null,
        demo: o.demo ?? false,
      })),
    ),
    ['organization_id'],
  );
  await upsertRows(
    ctx.em,
    'waste_container_site',
    await Promise.all(
      wasteTables.rows('container-sites').map(async (s) => ({
        id: s.id,
        address: s.address,
        municipality_id: await ctx.municipalityId(s.municipalityCode),
        latitude: s.lat,
        longitude: s.lon,
        containers: s.containers,
        demo: s.demo ?? false,
      })),
    ),
    ['id'],
  );
}
