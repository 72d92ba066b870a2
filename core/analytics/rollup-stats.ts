import { BY_SECTOR, SEE_ALL } from '../auth/appeal-scope.js';
import type { AppealFilter } from '../appeals/appeal-filter.input.js';
import { raw, sql, type Sql } from '../db/sql.js';
import { appealFilterSql, appealScopeSql, inList } from './measures/appeal-conditions.js';
import { DIMENSIONS, StatsDimension } from './dimensions.js';
import type { Metric } from './measures/metrics.js';
import type { AnalyticsContext, AnalyticsWork } from './measures/analytics-context.js';
import { GRAIN_BITS, GRAIN_FULL, negativeOf, sortedHours, sumOf, type PartialColumn } from './rollup/rollup.sql.js';
import { planRollup } from './rollup/rollup-plan.js';
import { partialsUnion, type KeyPair } from './rollup/rollup-query.js';

/** The dimensions a rollup cell keeps (the rest — category, channel, status, day, week — are read from `appeal`). */
const ROLLUP_KEYS: Partial<Record<StatsDimension, string>> = {
  [StatsDimension.ORGANIZATION]: 'r.organization_id',
  [StatsDimension.MUNICIPALITY]: 'r.municipality_id',
  [StatsDimension.SECTOR]: 'r.sector_id',
  [StatsDimension.MONTH]: 'r.month',
};

/** Filter fields a cell can answer; any other set field sends the question to `appeal`. */
const ROLLUP_FILTER_FIELDS = new Set(['organizationId', 'municipalityId', 'sector', 'receivedFrom', 'receivedTo']);

/** The partials each metric is made of. */
const NEEDS: Record<Metric, PartialColumn[]> = {
  count: ['n'],
  open: ['open'],
  overdue: [],
  answered: ['answered'],
  answeredOnTime: ['on_time'],
  onTimeRate: ['on_time', 'answered'],
  avgResponseHours: ['hours_sum', 'answered'],
  medianResponseHours: [],
  satisfactionAvg: ['score_sum', 'rated'],
  negativeRate: ['score1', 'score2', 'score3', 'score4', 'rated'],
  repeatRate: ['repeats', 'n'],
  redirectRate: ['redirected', 'n'],
  returnedRate: ['returned', 'answered_or_returned'],
  // Never rolled up: counted live from appeal_announcement (rollup-query.ts), like overdue.
  matchedByAnnouncement: [],
};

export interface RollupStatsRequest {
  groupBy: StatsDimension[];
  filter?: AppealFilter | null;
  from?: Date | null;
  to?: Date | null;
  metrics: Metric[];
  withKpis?: boolean;
}

const rate = (numerator: string, denominator: string) => `(${numerator})::float8 / nullif(${denominator}, 0)`;

/** Whether the rollup's grain and conditions can answer this question at all. */
export function rollupCanAnswer(request: RollupStatsRequest): boolean {
  if (request.withKpis) return false;
  if (!request.groupBy.every((d) => ROLLUP_KEYS[d])) return false;
  const filter = (request.filter ?? {}) as Record<string, unknown>;
  return Object.entries(filter).every(([field, value]) => value == null || (Array.isArray(value) && !value.length) || ROLLUP_FILTER_FIELDS.has(field));
}

const later = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? (a > b ? a : b) : (a ?? b ?? null));
const earlier = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? (a < b ? a : b) : (a ?? b ?? null));

/**
 * The stats statement over the rollup (k0.., "m_<metric>" per row, as the raw
 * statement of stats.service.ts), or null when the rollup holds none of the
 * period's months (the raw statement is then the whole answer).
 */
export async function rollupStatsQuery(ctx: AnalyticsContext, request: RollupStatsRequest, run: AnalyticsWork): Promise<Sql | null> {
  if (!rollupCanAnswer(request)) return null;
  const zone = ctx.app.config.TIME_ZONE;
  const tz = `'${zone.replace(/'/g, "''")}'`;
  const from = later(request.from, request.filter?.receivedFrom);
  const to = earlier(request.to, request.filter?.receivedTo);
  if (from && to && from >= to) return null;
  const plan = await planRollup(run, zone, from, to);
  if (!plan.months.length) return null;

  const metrics = request.metrics.length ? request.metrics : (['count'] as Metric[]);
  const columns = [...new Set(metrics.flatMap((m) => NEEDS[m]))];
  const median = metrics.includes('medianResponseHours');
  const overdue = metrics.includes('overdue');
  const matched = metrics.includes('matchedByAnnouncement');
  const keys: KeyPair[] = request.groupBy.map((d) => ({ rollup: ROLLUP_KEYS[d]!, raw: DIMENSIONS[d].key(tz) }));
  const filter = request.filter;
  // By month, each group is one cell of the grain of the other keys (if the filter and scope need no other key).
  const grain = request.groupBy.includes(StatsDimension.MONTH) ? coarseGrain(ctx, request) : null;
  const direct = grain != null;
  const p = partialsUnion(plan, {
    keys,
    columns,
    median: !median ? 'none' : direct ? 'direct' : 'hours',
    grain: grain ?? GRAIN_FULL,
    overdueAt: overdue ? ctx.now : null,
    matched,
    narrowRollup: [...rollupFilter(filter), ...appealScopeSql(ctx.user, 'r')],
    narrowRaw: [...appealFilterSql(filter, ctx.now, ctx.app.config.deadlinePolicy.atRiskShare), ...appealScopeSql(ctx.user)],
  });

  const k = keys.map((_, i) => `p.k${i}`);
  const negative = negativeOf(ctx.app.config.SATISFACTION_NEGATIVE_MAX);
  const metricOf: Record<Metric, string> = {
    count: sumOf('n'),
    open: sumOf('open'),
    overdue: 'coalesce(sum(p.overdue), 0)::int',
    answered: sumOf('answered'),
    answeredOnTime: sumOf('on_time'),
    onTimeRate: rate('sum(p.on_time)', 'sum(p.answered)'),
    avgResponseHours: `sum(p.hours_sum) / nullif(sum(p.answered), 0)`,
    medianResponseHours: 'max(p.median)',
    satisfactionAvg: rate('sum(p.score_sum)', 'sum(p.rated)'),
    negativeRate: rate(`sum(${negative})`, 'sum(p.rated)'),
    repeatRate: rate('sum(p.repeats)', 'sum(p.n)'),
    redirectRate: rate('sum(p.redirected)', 'sum(p.n)'),
    returnedRate: rate('sum(p.returned)', 'sum(p.answered_or_returned)'),
    matchedByAnnouncement: 'coalesce(sum(p.matched), 0)::int',
  };
  // Every expression below is this module's constant text (metric names are checked against METRICS by the schema).
  const groupBy = k.length ? raw(` group by ${k.join(', ')}`) : raw('');
  const totals = raw(
    [
      ...k.map((key, i) => `${key} as k${i}`),
      'count(*)::int as parts',
      ...metrics.filter((m) => direct || m !== 'medianResponseHours').map((m) => `${metricOf[m]} as "m_${m}"`),
    ].join(', '),
  );
  if (!median || direct) return sql`with p as (${p}) select t.* from (select ${totals} from p${groupBy}) as t`;

  const medians = raw([...k.map((key, i) => `${key} as k${i}`), 'percentile_cont(0.5) within group (order by h) as median'].join(', '));
  const on = raw(keys.length ? keys.map((_, i) => `coalesce(t.k${i}::text, '') = coalesce(m.k${i}::text, '')`).join(' and ') : 'true');
  return sql`with p as (${p}), t as (select ${totals} from p${groupBy}), m as (select ${medians} from ${raw(sortedHours(keys.map((_, i) => `k${i}`)))} cross join lateral unnest(p.hours) as u(h)${groupBy})
    select t.*, m.median as "m_medianResponseHours" from t left join m on ${on}`;
}

/** The grain of the groupBy's keys besides MONTH, or null if the filter or the scope needs a key the grain drops. */
function coarseGrain(ctx: AnalyticsContext, request: RollupStatsRequest): number | null {
  let kept = 0;
  for (const d of request.groupBy) kept |= DIMENSION_BITS[d] ?? 0;
  let needed = 0;
  const filter = request.filter;
  if (filter?.organizationId?.length) needed |= GRAIN_BITS.organization;
  if (filter?.municipalityId?.length) needed |= GRAIN_BITS.municipality;
  if (filter?.sector?.length) needed |= GRAIN_BITS.sector;
  if (BY_SECTOR.has(ctx.user.role)) needed |= GRAIN_BITS.sector;
  else if (!SEE_ALL.has(ctx.user.role)) needed |= GRAIN_BITS.organization;
  return (needed & ~kept) === 0 ? kept : null;
}

const DIMENSION_BITS: Partial<Record<StatsDimension, number>> = {
  [StatsDimension.ORGANIZATION]: GRAIN_BITS.organization,
  [StatsDimension.MUNICIPALITY]: GRAIN_BITS.municipality,
  [StatsDimension.SECTOR]: GRAIN_BITS.sector,
};

/** The rollup's own filter fields over the cells `r` (the same meaning as the AppealFilter's). */
function rollupFilter(filter: AppealFilter | null | undefined): Sql[] {
  if (!filter) return [];
  const out: Sql[] = [];
  if (filter.organizationId?.length) out.push(sql`r.organization_id in (${inList(filter.organizationId)})`);
  if (filter.municipalityId?.length) out.push(sql`r.municipality_id in (${inList(filter.municipalityId)})`);
  if (filter.sector?.length) out.push(sql`r.sector_id in (select id from sector where code = any(${filter.sector}::text[]))`);
  return out;
}
