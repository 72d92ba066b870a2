import type { AppealFilter } from '../appeals/appeal-filter.input.js';
import { and, empty, join, raw, sql, type Sql } from '../db/sql.js';
import { appealFilterSql, appealScopeSql } from './measures/appeal-conditions.js';
import { badInput } from '../errors/errors.js';
import { DIMENSIONS, StatsDimension, labelOf } from './dimensions.js';
import { metricSql, type Metric } from './measures/metrics.js';
import { metricEnv, runAnalyticsQuery, runAnalyticsWork, timeZoneLiteral, type AnalyticsContext } from './measures/analytics-context.js';
import { rollupCanAnswer, rollupStatsQuery } from './rollup-stats.js';
import { resolveKpis } from './kpi-conditions.js';
import type { StatsKpi, StatsRow } from './stats.types.js';

/** More groups than this is a question to narrow, not a page to send. */
export const MAX_STATS_GROUPS = 10_000;

export interface StatsRequest {
  groupBy: StatsDimension[];
  filter?: AppealFilter | null;
  /** Received from (inclusive) and to (exclusive). */
  from?: Date | null;
  to?: Date | null;
  metrics: ReadonlySet<Metric>;
  /** Plugin KPIs to compute: null = none, [] or codes. */
  kpiCodes?: readonly string[] | null;
  withKpis?: boolean;
  /** 'raw': read `appeal` only, never the rollup (the tests' reference path). */
  source?: 'auto' | 'raw';
}

/** The appeals of a stats question: scope, filter and period, as conditions over `appeal as a`. */
export function statsConditions(ctx: AnalyticsContext, request: Pick<StatsRequest, 'filter' | 'from' | 'to'>): Sql {
  return and([
    ...appealFilterSql(request.filter, ctx.now, ctx.app.config.deadlinePolicy.atRiskShare),
    ...(request.from ? [sql`a.received_at >= ${request.from}`] : []),
    ...(request.to ? [sql`a.received_at < ${request.to}`] : []),
    ...appealScopeSql(ctx.user),
  ]);
}

/**
 * Summary analysis in configurable slices (the decree, clause 5): one
 * GROUP BY statement with only the selected metrics, labels joined from the
 * reference tables.
 */
export async function computeStats(ctx: AnalyticsContext, request: StatsRequest): Promise<StatsRow[]> {
  const { groupBy } = request;
  if (new Set(groupBy).size !== groupBy.length) throw badInput('groupBy', 'Разрезы не должны повторяться');
  if (request.from && request.to && request.from >= request.to) throw badInput('to', 'Конец периода должен быть позже начала');
  const env = metricEnv(ctx);
  const tz = timeZoneLiteral(ctx);
  const kpis = request.withKpis ? await resolveKpis(ctx, request.kpiCodes) : [];

  const columns: string[] = groupBy.map((dimension, i) => `${DIMENSIONS[dimension].key(tz)} as k${i}`);
  const metrics = [...request.metrics];
  metrics.forEach((metric) => columns.push(`${metricSql(metric, env)} as "m_${metric}"`));
  kpis.forEach((kpi, i) => columns.push(`${metricSql(kpi.measure, env, kpi.condition)} as kpi${i}`));
  if (!columns.length) columns.push('count(*)::int as "m_count"');

  // Columns, keys, formats and label tables are constants of dimensions.ts and metrics.ts (ids and moments of our own inlined), never user text.
  const rawInner = () => {
    const groupKeys = groupBy.length ? raw(` group by ${groupBy.map((_, i) => `k${i}`).join(', ')}`) : raw('');
    return sql`select ${raw(columns.join(',\n  '))} from appeal as a where ${statsConditions(ctx, request)}${groupKeys}`;
  };
  const labelled = (inner: Sql) => {
    const selected = [raw('g.*')];
    const joins: Sql[] = [];
    groupBy.forEach((dimension, i) => {
      const { table, format } = DIMENSIONS[dimension];
      if (format) selected.push(raw(`to_char(g.k${i}, '${format}') as f${i}`));
      if (!table) return;
      selected.push(raw(`t${i}.${table.label} as l${i}`));
      joins.push(raw(` left join ${table.name} as t${i} on t${i}.id = g.k${i}`));
    });
    return sql`select ${join(selected, ', ')} from (${inner}) as g${joins.length ? join(joins, '') : empty} limit ${MAX_STATS_GROUPS + 1}`;
  };
  // The rollup where its grain fits (months it holds unchanged), the appeals for the rest: the same figures either way.
  const useRollup = request.source !== 'raw' && rollupCanAnswer({ ...request, metrics });
  const rows: Record<string, unknown>[] = useRollup
    ? await runAnalyticsWork(ctx, async (run) => {
        const rolled = await rollupStatsQuery(ctx, { ...request, metrics }, run);
        return run(labelled(rolled ?? rawInner()));
      })
    : await runAnalyticsQuery(ctx, labelled(rawInner()));
  if (rows.length > MAX_STATS_GROUPS) {
    throw badInput('groupBy', `Слишком много групп (больше ${MAX_STATS_GROUPS}): сузьте период, фильтр или число разрезов`);
  }

  const result = rows.map((row) => {
    const out: StatsRow = {
      group: groupBy.map((dimension, i) => {
        const raw = DIMENSIONS[dimension].format ? row[`f${i}`] : row[`k${i}`];
        const key = raw == null ? null : String(raw);
        return { dimension, value: key, label: labelOf(dimension, key, (row[`l${i}`] as string | null) ?? null) };
      }),
    };
    for (const metric of metrics) (out as unknown as Record<string, unknown>)[metric] = numberOrNull(row[`m_${metric}`]);
    if (request.withKpis) {
      out.kpis = kpis.map<StatsKpi>((kpi, i) => ({
        code: kpi.code,
        name: kpi.name,
        sector: kpi.sector,
        sectorName: kpi.sectorName,
        measure: kpi.measure,
        value: numberOrNull(row[`kpi${i}`]),
        target: kpi.target ?? null,
      }));
    }
    return out;
  });
  return sortRows(result, groupBy);
}

export function numberOrNull(value: unknown): number | null {
  if (value == null) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Calendar keys in time order, the others by their Russian label; «не указано» last. */
function sortRows(rows: StatsRow[], groupBy: StatsDimension[]): StatsRow[] {
  const collator = new Intl.Collator('ru');
  return rows.sort((x, y) => {
    for (let i = 0; i < groupBy.length; i++) {
      const a = x.group[i];
      const b = y.group[i];
      if (a.value == null || b.value == null) {
        if (a.value !== b.value) return a.value == null ? 1 : -1;
        continue;
      }
      const c = DIMENSIONS[groupBy[i]].chronological ? a.value.localeCompare(b.value) : collator.compare(a.label, b.label);
      if (c) return c;
    }
    return 0;
  });
}
