/**
 * The exact medians of rollup-median.sql.ts against percentile_cont over the
 * same values: months of sorted hours with their histograms, merged by key and
 * over all keys. The values are chosen to be hard for the bucket arithmetic:
 * exactly on the edges, ties across months, the two middle ranks in different
 * buckets, one value, an even and an odd count, the first bucket (0 h) and
 * the last (past every finite edge). An off-by-one in a rank, a base or a
 * slice, or another interpolation, makes the comparison fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { query, sql, type Sql } from '../../core/db/sql.js';
import { MEDIAN_EDGES, mergedMediansSql } from '../../core/analytics/rollup/rollup-median.sql.js';
import type { RollupPlan } from '../../core/analytics/rollup/rollup-plan.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const exec = (statement: Sql) => query<Record<string, any>>(t.em(), statement);
const MONTHS = ['1990-01-01 00:00:00', '1990-02-01 00:00:00', '1990-03-01 00:00:00'];
const PLAN: RollupPlan = { months: MONTHS, served: [], raw: [], unsettled: [], unsettledMonths: [] };

/** A deterministic pseudo-random sequence (the test must fail the same way every time). */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('exact medians from the months histograms', () => {
  it('equal percentile_cont(0.5) over the same hours, by key and over all keys', async () => {
    const random = generator(7);
    const finite = MEDIAN_EDGES.filter((e) => Number.isFinite(e));
    const pick = () => {
      const r = random();
      if (r < 0.3) return finite[Math.floor(random() * 40) + 60]; // exactly on an edge, many ties
      if (r < 0.35) return 0;
      if (r < 0.37) return 200_000; // past the last finite edge
      return finite[Math.floor(random() * 40) + 60] * (0.9 + random() * 0.25);
    };
    const sizes = [1, 2, 3, 4, 5, 10, 11, 50, 101, 400, 1, 0, 7];
    const rows: { month: string; org: string; hours: number[] }[] = [];
    const orgs = sizes.map(() => randomUUID());
    orgs.forEach((org, k) => {
      for (const month of MONTHS) {
        const n = Math.max(0, sizes[k] - (month === MONTHS[1] ? 1 : 0));
        if (!n) continue;
        rows.push({ month, org, hours: Array.from({ length: n }, pick).sort((a, b) => a - b) });
      }
    });
    // Two keys whose middle ranks straddle a bucket boundary: values just below and just above an edge.
    const edge = finite[80];
    const straddle = randomUUID();
    rows.push({ month: MONTHS[0], org: straddle, hours: [edge, edge, edge] });
    rows.push({ month: MONTHS[2], org: straddle, hours: [edge * 1.01, edge * 1.02, edge * 1.5] });
    for (const row of rows) {
      await exec(sql`insert into analytics_rollup_hours (month, grain, organization_id, hours, cum)
        select ${row.month}::timestamp, 1, ${row.org}::uuid, h, array(select width_bucket(e, h)::int from unnest(${[...MEDIAN_EDGES]}::float8[]) with ordinality as u(e, i) order by i)
        from (select ${row.hours}::float8[] as h) as x`);
    }
    const merged = await exec(
      mergedMediansSql(PLAN, { key: { rollup: 'r.organization_id', raw: 'a.organization_id' }, grain: 1, narrowRollup: [], narrowRaw: [] }),
    );
    const exact = await exec(sql`select r.organization_id as id, grouping(r.organization_id) as pooled, percentile_cont(0.5) within group (order by h) as median
      from analytics_rollup_hours as r cross join lateral unnest(r.hours) as u(h)
      where r.month = any(${MONTHS}::timestamp[]) and r.grain = 1 group by grouping sets ((r.organization_id), ())`);
    const keyOf = (row: Record<string, any>) => `${row.pooled}|${row.id ?? ''}`;
    expect(merged.map(keyOf).sort()).toEqual(exact.map(keyOf).sort());
    const byKey = new Map(exact.map((row) => [keyOf(row), Number(row.median)]));
    for (const row of merged) expect(Number(row.median), keyOf(row)).toBe(byKey.get(keyOf(row)));
    expect(merged.find((row) => row.id === straddle)?.median).toBe(edge + 0.5 * (edge * 1.01 - edge));
  });
});
