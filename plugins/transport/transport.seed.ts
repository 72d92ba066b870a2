import { referenceId, upsertRows, type SeedContext } from '../../core/plugin-api/index.js';
import { transportTables } from './transport.region-tables.js';

/** Carriers, then routes, by code: idempotent, every start. */
export async function seedTransport(ctx: SeedContext): Promise<void> {
  await upsertRows(
    ctx.em,
    'transport_carrier',
    transportTables.rows('carriers').map((c) => ({ code: c.code, name: c.name, demo: c.demo })),
    ['code'],
  );
  await upsertRows(
    ctx.em,
    'transport_bus_route',
    await Promise.all(
      transportTables.rows('bus-routes').map(async (r) => ({
        code: r.code,
        number: r.number,
        kind: r.kind,
        from_point: r.from,
        to_point: r.to,
        carrier_id: referenceId('transport_carrier', 'code', r.carrierCode),
        municipality_id: await ctx.municipalityId(r.municipalityCode),
        demo: r.demo,
      })),
    ),
    ['code'],
  );
}
