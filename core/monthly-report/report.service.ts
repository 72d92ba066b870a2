import { badInput } from '../errors/errors.js';
import type { AnalyticsContext, AnalyticsServices } from '../analytics/measures/analytics-context.js';
import type { AuthenticateServices } from '../auth/authenticate.js';
import type { RegionPack } from '../region/index.js';
import { StatsDimension } from '../analytics/dimensions.js';
import { capitalize, monthLabel } from '../analytics/labels.js';
import type { Metric } from '../analytics/measures/metrics.js';
import { DEFINITIONS } from './report-definitions.js';
import { lateness, overdueByOrganization, TOTAL } from './report-lateness.js';
import { addPerTenThousand, loadDailyFlow, loadHotSpots, loadOverdue, loadProblems } from './report-sections.js';
import { computeStats } from '../analytics/stats.service.js';
import { computeRatings } from '../analytics/ratings.service.js';
import { RatingSubject } from '../analytics/ratings.types.js';
import { computeWorkload } from '../analytics/workload.service.js';
import { WorkloadKind } from '../analytics/workload.types.js';
import { countConflicts } from '../analytics/conflicts.service.js';
import { reportLanes } from './report-lanes.js';
import { monthPeriod, shiftMonth } from './report-period.js';
import { loadTrainingSection } from '../training/training-report.js';
import { loadSurveySection } from '../surveys/survey-report-section.js';
import type { MonthlyReport, ReportCount, ReportMetric } from './report.types.js';

/** What the monthly report uses of the app's services: analytics', the region (its head, its name) and, for its files, the callers' tokens. */
export interface MonthlyReportServices extends AnalyticsServices, AuthenticateServices {
  region: RegionPack;
}

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

const diff = (a: number | null, b: number | null) => (a == null || b == null ? null : a - b);
const percent = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : ((a - b) / b) * 100);

/**
 * The monthly report to the Head (the decree, clause 3): the sections of
 * DOMAIN.md "The monthly report", each compared with the previous month and
 * the same month a year before where a comparison means something. Every
 * figure comes from the same services as stats, ratings, workload, problems
 * and conflicts, under the caller's scope.
 */
export async function buildMonthlyReport(ctx: AnalyticsContext<MonthlyReportServices>, month: string): Promise<MonthlyReport> {
  const zone = ctx.app.config.TIME_ZONE;
  const period = monthPeriod(month, zone);
  if (period.from > ctx.now) throw badInput('month', 'Отчёт за будущий месяц не строится');
  const previous = monthPeriod(shiftMonth(month, -1), zone);
  const yearAgo = monthPeriod(shiftMonth(month, -12), zone);
  const { from, to } = period;
  // The sections are independent questions: each runs on a connection of its own, a few at a time (reportLanes).
  const lane = reportLanes(ctx);

  const fromStats = SUMMARY.map((m) => m.code).filter((code) => code !== 'overdueAtMonthEnd' && code !== 'answeredLate') as Metric[];
  // The month's lateness (total and per municipality and body) is read once, for the summary, the breakdowns and the overdue section.
  const lateNowRead = lane((c) => lateness(c, period));
  const totals = (p: { from: Date; to: Date }) => {
    // One stats question (the rollup with the announcements' matches counted live), then the report's own lateness.
    const stats = lane((c) => computeStats(c, { groupBy: [], from: p.from, to: p.to, metrics: new Set(fromStats) }));
    const late = p === period ? lateNowRead : lane((c) => lateness(c, p));
    return Promise.all([stats, late]).then(([[row], lateOf]) => {
      const l = lateOf.get(TOTAL)!;
      return { ...(row ?? {}), matchedByAnnouncement: row?.matchedByAnnouncement ?? 0, overdueAtMonthEnd: l.overdue, answeredLate: l.answeredLate };
    });
  };
  const breakdownRead = (dimension: StatsDimension, metrics: Metric[]) =>
    Promise.all([
      lane((c) => computeStats(c, { groupBy: [dimension], from, to, metrics: new Set<Metric>(['count', ...metrics]) })),
      lane((c) => computeStats(c, { groupBy: [dimension], from: previous.from, to: previous.to, metrics: new Set<Metric>(['count']) })),
    ]);
  // Started longest first, so that the lanes end close together.
  const hotSpotsRead = lane((c) => loadHotSpots(c, from, to, previous.from));
  const workloadRead = lane((c) => computeWorkload(c, null, from, to, WorkloadKind.SECTOR));
  const conflictsRead = lane((c) => countConflicts(c, from, to));
  const organizationRatingsRead = lane((c) => computeRatings(c, RatingSubject.ORGANIZATION, from, to, null).catch(sectorRoleFallback));
  const municipalityRatingsRead = lane((c) => computeRatings(c, RatingSubject.MUNICIPALITY, from, to, null).catch(sectorRoleFallback));
  const categoriesRead = breakdownRead(StatsDimension.CATEGORY, ['onTimeRate']);
  const channelsRead = breakdownRead(StatsDimension.CHANNEL, ['medianResponseHours', 'onTimeRate']);
  const municipalitiesRead = breakdownRead(StatsDimension.MUNICIPALITY, ['onTimeRate', 'overdue', 'satisfactionAvg']);
  const organizationsRead = breakdownRead(StatsDimension.ORGANIZATION, ['answered', 'onTimeRate', 'overdue']);
  const summaryRead = Promise.all([totals(period), totals(previous), totals(yearAgo)]);
  const dailyFlowRead = lane((c) => loadDailyFlow(c, from, to));
  const kpiRead = lane((c) => computeStats(c, { groupBy: [], from, to, metrics: new Set(), withKpis: true }));
  const overdueRead = lateNowRead.then((lateNow) => lane((c) => loadOverdue(c, to, overdueByOrganization(lateNow))));
  const problemsRead = lane((c) => loadProblems(c, from, to));
  const trainingRead = lane((c) => loadTrainingSection(c.em, from, to));
  const residentsSaidRead = lane((c) => loadSurveySection(c.em, c.user, from, to));
  // Every read is awaited before anything is built, so that one failure does not leave the others running unobserved.
  await Promise.allSettled([summaryRead, categoriesRead, channelsRead, municipalitiesRead, organizationsRead, hotSpotsRead, workloadRead, conflictsRead]);
  await Promise.allSettled([
    organizationRatingsRead,
    municipalityRatingsRead,
    dailyFlowRead,
    kpiRead,
    overdueRead,
    problemsRead,
    trainingRead,
    residentsSaidRead,
  ]);

  const lateNow = await lateNowRead;
  const [now, prev, ago] = await summaryRead;
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

  const dailyFlow = await dailyFlowRead;
  const peakDays = [...dailyFlow]
    .sort((a, b) => b.received - a.received || a.day.localeCompare(b.day))
    .slice(0, 3)
    .filter((d) => d.received > 0);

  const breakdown = async (dimension: StatsDimension, read: ReturnType<typeof breakdownRead>, metrics: Metric[], limit?: number): Promise<ReportCount[]> => {
    const [rows, before] = await read;
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
  const topCategories = await breakdown(StatsDimension.CATEGORY, categoriesRead, ['onTimeRate'], 10);
  const byMunicipality = await breakdown(StatsDimension.MUNICIPALITY, municipalitiesRead, ['onTimeRate', 'overdue', 'satisfactionAvg']);
  await addPerTenThousand(ctx, byMunicipality);
  const byChannel = await breakdown(StatsDimension.CHANNEL, channelsRead, ['medianResponseHours', 'onTimeRate']);
  const topOrganizations = await breakdown(StatsDimension.ORGANIZATION, organizationsRead, ['answered', 'onTimeRate', 'overdue'], 10);

  const hotSpots = await hotSpotsRead;
  const organizationRatings = await organizationRatingsRead;
  const municipalityRatings = await municipalityRatingsRead;
  const overdue = await overdueRead;
  const conflicts = await conflictsRead;
  const problems = await problemsRead;
  const workload = await workloadRead;
  const [kpiRow] = await kpiRead;
  const training = await trainingRead;
  const residentsSaid = await residentsSaidRead;

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

export const reportTitle = (month: string) => capitalize(monthLabel(month));
