import type { Knex } from '@mikro-orm/postgresql';
import { overdueSql } from '../metrics.js';
import { RAW_HOURS_SQL, RAW_MEDIAN_SQL, rawPartialsSql, type PartialColumn } from './rollup.sql.js';
import { monthsCondition, rangesCondition, type RollupPlan } from './rollup-plan.js';

/** A group key over a rollup cell (`r`) and over an appeal (`a`). */
export interface KeyPair {
  rollup: string;
  raw: string;
}

export interface PartialsQuery {
  keys: KeyPair[];
  columns: PartialColumn[];
  /**
   * Medians: 'hours' brings the sorted response hours of every part (groups
   * spanning several cells); 'direct' brings each part's own median (every
   * group is one cell of `grain`, or wholly raw: month is a key).
   */
  median: 'none' | 'hours' | 'direct';
  /** The cells read: GRAIN_FULL, or a coarser grain with 'direct' medians. */
  grain: number;
  /** Count overdue appeals as of this moment (live, never rolled up). */
  overdueAt: Date | null;
  /** Ratings' "due in the period" for the raw part (a timestamp literal). */
  dueBy?: string | null;
  /** Scope and filter, the same conditions over the cells and over the appeals. */
  narrowRollup(query: Knex.QueryBuilder): Knex.QueryBuilder;
  narrowRaw(query: Knex.QueryBuilder): Knex.QueryBuilder;
}

/**
 * One row set `p` (k0.., the partial columns, `hours`, `overdue`) as a union:
 * the rollup cells of the planned months, the raw appeals of the rest of
 * the period grouped by the same keys, and — if overdue is asked — the
 * live count of overdue appeals of the planned months. Summing `p` by the keys
 * gives every metric exactly.
 */
export function partialsUnion(knex: Knex, plan: RollupPlan, q: PartialsQuery): Knex.QueryBuilder {
  const keyList = (side: 'rollup' | 'raw') => q.keys.map((key, i) => `${key[side]} as k${i}`);
  const groupKeys = q.keys.map((_, i) => `k${i}`).join(', ');
  const raw = rawPartialsSql(q.dueBy ?? null);
  const zeros = () => q.columns.map((c) => `0 as ${c}`);

  const cells = knex('analytics_rollup as r').select(
    knex.raw(
      [
        ...keyList('rollup'),
        ...q.columns.map((c) => `r.${c}`),
        ...(q.median === 'hours' ? ['r.hours'] : q.median === 'direct' ? ['r.median'] : []),
        ...(q.overdueAt ? ['0 as overdue'] : []),
      ].join(', '),
    ),
  );
  cells.where('r.grain', q.grain).where(monthsCondition(knex, plan.months));
  q.narrowRollup(cells);
  const branches: Knex.QueryBuilder[] = [];

  if (plan.raw.length) {
    const rest = knex('appeal as a').select(
      knex.raw(
        [
          ...keyList('raw'),
          ...q.columns.map((c) => `${raw[c]} as ${c}`),
          ...(q.median === 'hours' ? [`${RAW_HOURS_SQL} as hours`] : q.median === 'direct' ? [`${RAW_MEDIAN_SQL} as median`] : []),
          ...(q.overdueAt ? [`count(*) filter (where ${overdueSql(q.overdueAt)})::int as overdue`] : []),
        ].join(', '),
      ),
    );
    rest.where(rangesCondition(knex, plan.raw));
    q.narrowRaw(rest);
    if (q.keys.length) rest.groupByRaw(groupKeys);
    branches.push(rest);
  }
  if (q.overdueAt && plan.served.length) {
    const overdue = knex('appeal as a').select(
      knex.raw(
        [
          ...keyList('raw'),
          ...zeros(),
          ...(q.median === 'hours' ? ['null::float8[] as hours'] : q.median === 'direct' ? ['null::float8 as median'] : []),
          'count(*)::int as overdue',
        ].join(', '),
      ),
    );
    overdue.whereRaw(overdueSql(q.overdueAt)).where(rangesCondition(knex, plan.served));
    q.narrowRaw(overdue);
    if (q.keys.length) overdue.groupByRaw(groupKeys);
    branches.push(overdue);
  }
  for (const branch of branches) cells.unionAll(branch, true);
  return cells;
}
