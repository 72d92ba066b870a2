import { and, join, raw, sql, type Sql } from '../../db/sql.js';
import { ANSWERED_SQL, MATCHED_SQL, overdueSql } from '../measures/metrics.js';
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
  /** Count appeals an announcement answered at intake (`matched`; live, never rolled up). */
  matched?: boolean;
  /** Ratings' "due in the period" for the raw part and the plan's unsettled months (a timestamp literal). */
  dueBy?: string | null;
  /**
   * The grain of analytics_rollup_hours to correct the unsettled months from
   * (their sorted due dates, by binary search; hoursReady must hold), instead
   * of counting their appeals due later from `appeal`.
   */
  dueFromHours?: number | null;
  /** Scope and filter, the same conditions over the cells (`r`) and over the appeals (`a`). */
  narrowRollup: Sql[];
  narrowRaw: Sql[];
}

/**
 * One row set `p` (k0.., the partial columns, `hours`, `overdue`) as a union:
 * the rollup cells of the planned months, the raw appeals of the rest of
 * the period grouped by the same keys, and — if overdue is asked — the
 * live count of overdue appeals of the planned months, and the appeals of
 * those months that an announcement answered (found from the small
 * appeal_announcement side, by its copy of received_at). Summing `p` by the
 * keys gives every metric exactly.
 */
export function partialsUnion(plan: RollupPlan, q: PartialsQuery): Sql {
  // Keys, columns and expressions are this module's and metrics.ts's constants, never user text.
  const list = (items: string[]) => raw(items.join(', '));
  const keyList = (side: 'rollup' | 'raw') => q.keys.map((key, i) => `${key[side]} as k${i}`);
  const groupBy = q.keys.length ? raw(` group by ${q.keys.map((_, i) => `k${i}`).join(', ')}`) : raw('');
  const raws = rawPartialsSql(q.dueBy ?? null);
  const zeros = () => q.columns.map((c) => `0 as ${c}`);
  const noMedian = q.median === 'hours' ? ['null::float8[] as hours'] : q.median === 'direct' ? ['null::float8 as median'] : [];
  const matched = (expression: string) => (q.matched ? [`${expression} as matched`] : []);

  const cells = list([
    ...keyList('rollup'),
    ...q.columns.map((c) => `r.${c}`),
    ...(q.median === 'hours' ? ['r.hours'] : q.median === 'direct' ? ['r.median'] : []),
    ...(q.overdueAt ? ['0 as overdue'] : []),
    ...matched('0'),
  ]);
  const branches: Sql[] = [
    sql`select ${cells} from analytics_rollup as r where ${and([sql`r.grain = ${q.grain}`, monthsCondition(plan.months), ...q.narrowRollup])}`,
  ];

  if (plan.raw.length) {
    const rest = list([
      ...keyList('raw'),
      ...q.columns.map((c) => `${raws[c]} as ${c}`),
      ...(q.median === 'hours' ? [`${RAW_HOURS_SQL} as hours`] : q.median === 'direct' ? [`${RAW_MEDIAN_SQL} as median`] : []),
      ...(q.overdueAt ? [`count(*) filter (where ${overdueSql(q.overdueAt)})::int as overdue`] : []),
      ...matched(`count(*) filter (where ${MATCHED_SQL})::int`),
    ]);
    branches.push(sql`select ${rest} from appeal as a where ${and([rangesCondition(plan.raw), ...q.narrowRaw])}${groupBy}`);
  }
  if (q.overdueAt && plan.served.length) {
    // By month: each served month's range of the index read on its own, the month its key (no time-zone arithmetic per appeal).
    const byMonth = plan.bounds && q.keys.some((key) => key.rollup === 'r.month');
    const keys = q.keys.map((key, i) => `${byMonth && key.rollup === 'r.month' ? 'mm.month' : key.raw} as k${i}`);
    const overdue = list([...keys, ...zeros(), ...noMedian, 'count(*)::int as overdue', ...matched('0')]);
    if (byMonth) {
      const [months, starts, ends] = [plan.bounds!.map((b) => b.month), plan.bounds!.map((b) => b.from), plan.bounds!.map((b) => b.to)];
      const where = and([raw(overdueSql(q.overdueAt)), ...q.narrowRaw]);
      branches.push(
        sql`select ${overdue} from unnest(${months}::timestamp[], ${starts}::timestamptz[], ${ends}::timestamptz[]) as mm(month, lo, hi)
          join appeal as a on a.received_at >= mm.lo and a.received_at < mm.hi where ${where}${groupBy}`,
      );
    } else {
      const where = and([raw(overdueSql(q.overdueAt)), rangesCondition(plan.served), ...q.narrowRaw]);
      branches.push(sql`select ${overdue} from appeal as a where ${where}${groupBy}`);
    }
  }
  if (q.dueBy && plan.unsettled.length) {
    // Cells count every due date; "due in the period" is due_at ≤ dueBy: take out, live, those of unsettled months due later.
    const later = `a.due_at > ${q.dueBy}`;
    const minus = (c: PartialColumn) =>
      c === 'due' ? `-count(*)::int as due` : c === 'due_answered' ? `-count(*) filter (where ${ANSWERED_SQL})::int as due_answered` : `0 as ${c}`;
    if (q.dueFromHours != null && plan.unsettledMonths) {
      // How many due dates are after dueBy: all of them less those ≤ dueBy (width_bucket over the sorted array).
      const after = (column: string) => `-coalesce(cardinality(r.${column}) - width_bucket(${q.dueBy}, r.${column}), 0)::int`;
      const fromHours = (c: PartialColumn) =>
        c === 'due' ? `${after('due_at')} as due` : c === 'due_answered' ? `${after('due_answered_at')} as due_answered` : `0 as ${c}`;
      const correction = list([...keyList('rollup'), ...q.columns.map(fromHours), ...noMedian, ...(q.overdueAt ? ['0 as overdue'] : []), ...matched('0')]);
      const where = and([sql`r.grain = ${q.dueFromHours}`, monthsCondition(plan.unsettledMonths), ...q.narrowRollup]);
      branches.push(sql`select ${correction} from analytics_rollup_hours as r where ${where}`);
    } else {
      const correction = list([...keyList('raw'), ...q.columns.map(minus), ...noMedian, ...(q.overdueAt ? ['0 as overdue'] : []), ...matched('0')]);
      branches.push(sql`select ${correction} from appeal as a where ${and([raw(later), rangesCondition(plan.unsettled), ...q.narrowRaw])}${groupBy}`);
    }
  }
  if (q.matched && plan.served.length) {
    // Driven from the matches (a few per cent of appeals at most), each appeal once however many announcements answered it.
    const found = list([...keyList('raw'), ...zeros(), ...noMedian, ...(q.overdueAt ? ['0 as overdue'] : []), 'count(*)::int as matched']);
    const where = and([rangesCondition(plan.served), ...q.narrowRaw]);
    branches.push(
      sql`select ${found} from (select distinct m.appeal_id from appeal_announcement as m where ${rangesCondition(plan.served, 'm')}) as x
        join appeal as a on a.id = x.appeal_id where ${where}${groupBy}`,
    );
  }
  return join(
    branches.map((branch, i) => (i ? sql`(${branch})` : branch)),
    ' union all ',
  );
}
