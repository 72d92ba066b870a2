import { applyAppealScope } from '../../auth/appeal-scope.js';
import { badInput } from '../../errors/errors.js';
import type { AnalyticsContext } from '../analytics-context.js';
import { runAnalyticsQuery, timeZoneLiteral } from '../analytics-context.js';
import { StatsDimension } from '../dimensions.js';
import { capitalize, dayLabel, monthLabel } from '../labels.js';
import type { Metric } from '../metrics.js';
import { DEFINITIONS } from './report-definitions.js';
import { lateness, overdueAtSql, TOTAL } from './report-lateness.js';
import { computeStats } from '../stats.service.js';
import { computeRatings } from '../ratings.service.js';
import { RatingSubject } from '../ratings.types.js';
import { computeWorkload } from '../workload.service.js';
import { WorkloadKind } from '../workload.types.js';
import { findConflicts } from '../conflicts.service.js';
import { applyProblemScope, problemTrend, STREET_SQL, streetOf } from '../problems.service.js';
import { ProblemStatus } from '../../entities/problem.entity.js';
import { monthPeriod, shiftMonth } from './report-period.js';
import { loadTrainingSection } from '../../training/training-report.js';
import { loadSurveySection } from '../../surveys/survey-report-section.js';
import type { MonthlyReport, ReportCount, ReportDay, ReportHotSpot, ReportMetric, ReportOverdue, ReportProblem } from './report.types.js';

const DAY = 86_400_000;
/** The figures of the summary; the two "lateness" figures are the report's own (lateness()), the rest come from stats. */
type SummaryCode = Exclude<Metric, 'open' | 'overdue'> | 'overdueAtMonthEnd' | 'answeredLate';
const SUMMARY: { code: SummaryCode; label: string; unit: string }[] = [
  { code: 'count', label: 'Поступило обращений', unit: 'count' },
  { code: 'answered', label: 'Дан ответ', unit: 'count' },
  { code: 'answeredOnTime', label: 'Ответ в срок', unit: 'count' },
  { code: 'onTimeRate', label: 'Доля ответов в срок', unit: 'share' },
  { code: 'overdueAtMonthEnd', label: 'Просрочено на конец месяца', unit: 'count' },
  { code: 'answeredLate', label: 'Ответ дан с нарушением срока в месяце', unit: 'count' },
  { code: 'avgResponseHours', label: 'Среднее время ответа, ч', unit: 'hours' },
  { code: 'medianResponseHours', label: 'Медианное время ответа, ч', unit: 'hours' },
  { code: 'satisfactionAvg', label: 'Средняя оценка ответов', unit: 'score' },
  { code: 'negativeRate', label: 'Доля негативных оценок', unit: 'share' },
  { code: 'repeatRate', label: 'Доля повторных обращений', unit: 'share' },
  { code: 'redirectRate', label: 'Доля перенаправленных', unit: 'share' },
  { code: 'returnedRate', label: 'Доля ответов, возвращённых на доработку', unit: 'share' },
  { code: 'matchedByAnnouncement', label: 'Отвечено объявлениями ЦУР при поступлении', unit: 'count' },
];

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  [ProblemStatus.NEW]: 'Выявлена',
  [ProblemStatus.CONFIRMED]: 'Подтверждена',
  [ProblemStatus.IN_PROGRESS]: 'Решается',
  [ProblemStatus.RESOLVED]: 'Решена',
  [ProblemStatus.DISMISSED]: 'Снята',
};

const TREND_LABELS: Record<string, string> = { NEW: 'новая', RISING: 'растёт', STABLE: 'без изменений', FALLING: 'снижается' };

const diff = (a: number | null, b: number | null) => (a == null || b == null ? null : a - b);
const percent = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : ((a - b) / b) * 100);

/**
 * The monthly report to the Head (the decree, clause 3): the sections of
 * DOMAIN.md "The monthly report", each compared with the previous month and
 * the same month a year before where a comparison means something. Every
 * figure comes from the same services as stats, ratings, workload, problems
 * and conflicts, under the caller's scope.
 */
export async function buildMonthlyReport(ctx: AnalyticsContext, month: string): Promise<MonthlyReport> {
  const zone = ctx.app.config.TIME_ZONE;
  const period = monthPeriod(month, zone);
  if (period.from > ctx.now) throw badInput('month', 'Отчёт за будущий месяц не строится');
  const previous = monthPeriod(shiftMonth(month, -1), zone);
  const yearAgo = monthPeriod(shiftMonth(month, -12), zone);
  const { from, to } = period;

  const fromStats = SUMMARY.map((m) => m.code).filter(
    (code) => code !== 'matchedByAnnouncement' && code !== 'overdueAtMonthEnd' && code !== 'answeredLate',
  ) as Metric[];
  const totals = async (p: { from: Date; to: Date }) => {
    // Appeals answered by announcements come from `appeal` alone: asked apart, so the rest keeps the rollup.
    const [row] = await computeStats(ctx, { groupBy: [], from: p.from, to: p.to, metrics: new Set(fromStats) });
    const [informing] = await computeStats(ctx, { groupBy: [], from: p.from, to: p.to, metrics: new Set<Metric>(['matchedByAnnouncement']) });
    const late = (await lateness(ctx, p)).get(TOTAL)!;
    return { ...(row ?? {}), matchedByAnnouncement: informing?.matchedByAnnouncement ?? 0, overdueAtMonthEnd: late.overdue, answeredLate: late.answeredLate };
  };
  const [now, prev, ago] = [await totals(period), await totals(previous), await totals(yearAgo)];
  const summary: ReportMetric[] = SUMMARY.map(({ code, label, unit }) => {
    const value = (now as any)?.[code] ?? null;
    const p = (prev as any)?.[code] ?? null;
    const y = (ago as any)?.[code] ?? null;
    const counts = unit === 'count';
    return {
      code,
      label,
      unit,
      value,
      previousMonth: p,
      yearAgo: y,
      definition: DEFINITIONS[code],
      changeFromPreviousMonth: diff(value, p),
      changeFromYearAgo: diff(value, y),
      percentFromPreviousMonth: counts ? percent(value, p) : null,
      percentFromYearAgo: counts ? percent(value, y) : null,
    };
  });
  const total = Number((now as any)?.count ?? 0);

  const dailyFlow = await loadDailyFlow(ctx, from, to);
  const peakDays = [...dailyFlow]
    .sort((a, b) => b.received - a.received || a.day.localeCompare(b.day))
    .slice(0, 3)
    .filter((d) => d.received > 0);

  const lateNow = await lateness(ctx, period);
  const breakdown = async (dimension: StatsDimension, metrics: Metric[], limit?: number): Promise<ReportCount[]> => {
    const rows = await computeStats(ctx, { groupBy: [dimension], from, to, metrics: new Set<Metric>(['count', ...metrics]) });
    const before = await computeStats(ctx, { groupBy: [dimension], from: previous.from, to: previous.to, metrics: new Set<Metric>(['count']) });
    const prevOf = new Map(before.map((r) => [r.group[0].value, r.count ?? 0]));
    const out = rows.map<ReportCount>((r) => ({
      key: r.group[0].value,
      label: r.group[0].label,
      count: r.count ?? 0,
      previousMonth: prevOf.get(r.group[0].value) ?? 0,
      share: total ? (r.count ?? 0) / total : null,
      answered: r.answered ?? null,
      onTimeRate: r.onTimeRate ?? null,
      // The same definition as the summary's: overdue at the end of the month (DEFINITIONS.overdueAtMonthEnd).
      overdue: metrics.includes('overdue') ? (lateNow.get(`${dimension}:${r.group[0].value}`)?.overdue ?? 0) : null,
      medianResponseHours: r.medianResponseHours ?? null,
      satisfactionAvg: r.satisfactionAvg ?? null,
      perTenThousand: null,
    }));
    out.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ru'));
    return limit ? out.slice(0, limit) : out;
  };
  const topCategories = await breakdown(StatsDimension.CATEGORY, ['onTimeRate'], 10);
  const byMunicipality = await breakdown(StatsDimension.MUNICIPALITY, ['onTimeRate', 'overdue', 'satisfactionAvg']);
  await addPerTenThousand(ctx, byMunicipality);
  const byChannel = await breakdown(StatsDimension.CHANNEL, ['medianResponseHours', 'onTimeRate']);
  const topOrganizations = await breakdown(StatsDimension.ORGANIZATION, ['answered', 'onTimeRate', 'overdue'], 10);

  const hotSpots = await loadHotSpots(ctx, from, to, previous.from);
  const organizationRatings = await computeRatings(ctx, RatingSubject.ORGANIZATION, from, to, null).catch(sectorRoleFallback);
  const municipalityRatings = await computeRatings(ctx, RatingSubject.MUNICIPALITY, from, to, null).catch(sectorRoleFallback);
  const overdue = await loadOverdue(ctx, to);
  const { counts: conflicts } = await findConflicts(ctx, from, to);
  const problems = await loadProblems(ctx, from, to);
  const workload = (await computeWorkload(ctx, null, from, to)).filter((row) => row.kind === WorkloadKind.SECTOR);
  const [kpiRow] = await computeStats(ctx, { groupBy: [], from, to, metrics: new Set(), withKpis: true });
  const training = await loadTrainingSection(ctx.em, from, to);
  const residentsSaid = await loadSurveySection(ctx.em, ctx.user, from, to);

  const label = monthLabel(month);
  return {
    month,
    title: `Ежемесячный отчёт ${ctx.app.region.region.headDative} о работе с обращениями граждан: ${label}`,
    monthLabel: label,
    previousMonthLabel: monthLabel(previous.month),
    yearAgoLabel: monthLabel(yearAgo.month),
    from,
    to,
    generatedAt: ctx.now,
    partial: ctx.now < to,
    summary,
    dailyFlow,
    peakDays,
    topCategories,
    byMunicipality,
    byChannel,
    topOrganizations,
    hotSpots,
    organizationRatings,
    municipalityRatings,
    overdue,
    overdueTotal: lateNow.get(TOTAL)!.overdue,
    conflicts,
    problems,
    workload,
    kpis: kpiRow?.kpis ?? [],
    training,
    residentsSaid,
    definitions: Object.entries(DEFINITIONS).map(([figure, text]) => ({ figure, text })),
  };
}

/** A sector role without a sector has no rating to show; everything else is a real error. */
function sectorRoleFallback(error: unknown): never[] {
  if ((error as { extensions?: { code?: string } })?.extensions?.code === 'FORBIDDEN') return [];
  throw error;
}

async function loadDailyFlow(ctx: AnalyticsContext, from: Date, to: Date): Promise<ReportDay[]> {
  const knex = ctx.em.getKnex();
  const tz = timeZoneLiteral(ctx);
  const received = applyAppealScope(knex('appeal as a'), ctx.user)
    .select(knex.raw(`to_char(a.received_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as n`))
    .where('a.received_at', '>=', from)
    .where('a.received_at', '<', to)
    .groupBy('day');
  const resolved = applyAppealScope(knex('appeal as a'), ctx.user)
    .select(knex.raw(`to_char(a.answered_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as n`))
    .where('a.answered_at', '>=', from)
    .where('a.answered_at', '<', to)
    .groupBy('day');
  const conn = ctx.em.getConnection();
  const r: { day: string; n: number }[] = await conn.execute(received);
  const s: { day: string; n: number }[] = await conn.execute(resolved);
  const days: ReportDay[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += DAY) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.app.config.TIME_ZONE }).format(new Date(at + DAY / 2));
    if (days.at(-1)?.day === day) continue;
    days.push({ day, label: dayLabel(day), received: r.find((x) => x.day === day)?.n ?? 0, resolved: s.find((x) => x.day === day)?.n ?? 0 });
  }
  return days;
}

async function addPerTenThousand(ctx: AnalyticsContext, rows: ReportCount[]): Promise<void> {
  const ids = rows.map((r) => r.key).filter((k): k is string => Boolean(k));
  if (!ids.length) return;
  const populations: { id: string; population: number }[] = await ctx.em
    .getConnection()
    .execute(ctx.em.getKnex()('municipality').select('id', 'population').whereIn('id', ids));
  const of = new Map(populations.map((p) => [p.id, Number(p.population)]));
  for (const row of rows) {
    const population = row.key ? of.get(row.key) : undefined;
    row.perTenThousand = population ? (row.count / population) * 10_000 : null;
  }
}

/**
 * Hot spots computed live (the same clusters as detectProblems, nothing
 * written). The street is cut from each distinct address once, not from
 * every appeal (a regular expression per row was most of the report's time).
 */
async function loadHotSpots(ctx: AnalyticsContext, from: Date, to: Date, previousFrom: Date): Promise<ReportHotSpot[]> {
  const knex = ctx.em.getKnex();
  const min = ctx.app.config.PROBLEM_MIN_APPEALS;
  const window = applyAppealScope(knex('appeal as a'), ctx.user)
    .select(knex.raw('a.category_id, a.municipality_id, a.organization_id, a.address, a.received_at >= ? as current', [from]))
    .where('a.received_at', '>=', previousFrom)
    .where('a.received_at', '<', to)
    .whereNotNull('a.category_id')
    .whereNotNull('a.address');
  const streets = knex.select(knex.raw(`a.address, ${STREET_SQL} as street`)).from(knex.raw('(select distinct w.address from w) as a'));
  const clusters = knex
    .select(
      knex.raw(`w.category_id, w.municipality_id, s.street,
      count(*) filter (where w.current)::int as n, count(*) filter (where not w.current)::int as previous,
      mode() within group (order by w.organization_id) as organization_id, min(w.address) as sample_address`),
    )
    .from('w')
    .join('s', 's.address', 'w.address')
    .whereNotNull('s.street')
    .groupByRaw('1, 2, 3')
    .havingRaw('count(*) filter (where w.current) >= ?', [min]);
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    // Materialized: else the planner pushes the street's regular expression back down to every appeal.
    knex
      .queryBuilder()
      .withMaterialized('w', window)
      .withMaterialized('s', streets)
      .select('c.*', 'cat.name as category', 'm.short_name as municipality', 'o.short_name as organization')
      .from(clusters.as('c'))
      .join('category as cat', 'cat.id', 'c.category_id')
      .leftJoin('municipality as m', 'm.id', 'c.municipality_id')
      .leftJoin('organization as o', 'o.id', 'c.organization_id')
      .orderBy([{ column: 'c.n', order: 'desc' }, { column: 'c.street' }])
      .limit(10),
  );
  return rows.map((r) => ({
    category: r.category,
    municipality: r.municipality,
    address: streetOf(r.sample_address),
    count: r.n,
    previousMonth: r.previous,
    organization: r.organization,
  }));
}

/** Overdue at the end of the month (or now, for the current month; DEFINITIONS.overdueAtMonthEnd), by body: the five oldest of each. */
async function loadOverdue(ctx: AnalyticsContext, to: Date): Promise<ReportOverdue[]> {
  const at = new Date(Math.min(to.getTime(), ctx.now.getTime()));
  const knex = ctx.em.getKnex();
  const ranked = applyAppealScope(knex('appeal as a'), ctx.user)
    .select(
      knex.raw(`a.organization_id, a.number, a.due_at,
      row_number() over (partition by a.organization_id order by a.due_at, a.number) as position,
      count(*) over (partition by a.organization_id)::int as total`),
    )
    .whereRaw(overdueAtSql(at));
  const rows: Record<string, any>[] = await ctx.em.getConnection().execute(
    knex
      .select('r.*', 'o.short_name')
      .from(ranked.as('r'))
      .leftJoin('organization as o', 'o.id', 'r.organization_id')
      .where('r.position', '<=', 5)
      .orderBy([{ column: 'r.total', order: 'desc' }, { column: 'o.short_name' }, { column: 'r.position' }]),
  );
  const out: ReportOverdue[] = [];
  for (const r of rows) {
    const name = r.short_name ?? 'Без ответственного органа';
    let entry = out.find((o) => o.organization === name);
    if (!entry) out.push((entry = { organization: name, count: r.total, appeals: [] }));
    const dueAt = new Date(r.due_at);
    entry.appeals.push({ number: r.number, dueAt, daysOverdue: Math.floor((at.getTime() - dueAt.getTime()) / DAY) });
  }
  return out.slice(0, 15);
}

/** Problems of the month and earlier ones not yet resolved (their status is part of the report). */
async function loadProblems(ctx: AnalyticsContext, from: Date, to: Date): Promise<ReportProblem[]> {
  const knex = ctx.em.getKnex();
  const query = applyProblemScope(knex('problem as p'), ctx.user)
    .leftJoin('category as c', 'c.id', 'p.category_id')
    .leftJoin('municipality as m', 'm.id', 'p.municipality_id')
    .leftJoin('organization as o', 'o.id', 'p.responsible_organization_id')
    .select('p.*', 'c.name as category_name', 'm.short_name as municipality_name', 'o.short_name as organization_name')
    .where('p.window_from', '<', to)
    .where((q) => q.where('p.window_to', '>', from).orWhereNotIn('p.status', [ProblemStatus.RESOLVED, ProblemStatus.DISMISSED]))
    .orderByRaw('p.appeal_count desc, p.id')
    .limit(20);
  const rows: Record<string, any>[] = await ctx.em.getConnection().execute(query);
  return rows.map((r) => {
    const trend = problemTrend(r.appeal_count, r.previous_count);
    return {
      title: r.title,
      category: r.category_name,
      municipality: r.municipality_name,
      status: r.status,
      statusLabel: PROBLEM_STATUS_LABELS[r.status as ProblemStatus] ?? r.status,
      decision: r.decision,
      nationalProjectIndicator: r.national_project_indicator,
      count: r.appeal_count,
      previousCount: r.previous_count,
      trend: TREND_LABELS[trend] ?? trend,
      organization: r.organization_name,
      carriedOver: new Date(r.window_to) <= from,
    };
  });
}

export const reportTitle = (month: string) => capitalize(monthLabel(month));
