import { z } from 'zod';
import { regionTables, rowFields as f } from '../../core/plugin-api/index.js';
import { BusRouteKind } from './transport.entities.js';

/**
 * The transport sector's reference data of a region, kept in the region pack
 * (`sectors/transport/*.json`, docs/regions.md): carriers and bus routes,
 * seeded idempotently by `code`. A route's `municipalityCode` is the
 * municipality it mainly serves; suburban and intercity route numbers route
 * appeals to the region's transport ministry (transport.rules.ts).
 */
export const carrierRow = z.strictObject({ code: f.code, name: f.text, demo: f.demo, note: f.note });

export const busRouteRow = z.strictObject({
  /** `<municipality>-<kind>-<number>`; the number may carry a Cyrillic letter (`medvedevsky-suburban-104к`), stored rows use these codes. */
  code: z.string().regex(/^[a-z0-9][a-z0-9а-яё.-]*$/, 'expected a code of lowercase letters, digits, "-", "."'),
  number: z.string().trim().min(1).max(20),
  kind: z.enum(BusRouteKind),
  from: f.text,
  to: f.text,
  /** The code of a row of carriers.json. */
  carrierCode: f.code,
  municipalityCode: f.municipalityCode,
  demo: f.demo,
  note: f.note,
});

export const transportTables = regionTables({ carriers: carrierRow, 'bus-routes': busRouteRow });
