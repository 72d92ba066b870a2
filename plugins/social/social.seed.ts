import { upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { socialTables } from './social.region-tables.js';

const PROVIDER = { osfr: 'OSFR', 'min-social': 'MIN_SOCIAL', municipality: 'MUNICIPALITY' } as const;

/** Measures and centres by code: idempotent, every start. */
export async function seedSocial(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'social_measure',
    socialTables.rows('measures').map((m) => ({
      code: m.code,
      name: m.name,
      legal_basis: m.legalBasis,
      eligible: m.eligible,
      provider: PROVIDER[m.provider],
      demo: m.demo ?? false,
    })),
    ['code'],
  );
  await upsertRows(
    ctx.em,
    'social_service_centre',
    await Promise.all(
      socialTables.rows('service-centres').map(async (c) => ({
        code: c.code,
        name: c.name,
        address: c.address,
        municipality_id: await ctx.municipalityId(c.municipalityCode),
        also_serves_codes: c.alsoServes ?? [],
        demo: c.demo,
      })),
    ),
    ['code'],
  );
}
