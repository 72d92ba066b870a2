import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { healthTables } from './health.region-tables.js';

/** Medical organizations by code: idempotent, every start. */
export async function seedHealth(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'health_medical_organization',
    await Promise.all(
      healthTables.rows('medical-organizations').map(async (m) => ({
        code: m.code,
        name: m.name,
        kind: m.kind,
        address: m.address,
        municipality_id: await ctx.municipalityId(m.municipalityCode),
        organization_id: m.organizationCode ? await ctx.organizationId(m.organizationCode) : null,
        demo: m.demo ?? false,
      })),
    ),
    ['code'],
  );
}
