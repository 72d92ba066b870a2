/**
 * The monthly report section by section on a kept data set (cur_bench_10m of
 * bench/scale/generate-appeals.ts, its rollup built by bench:analytics): the
 * median wall time of each section's statements alone, then of the whole
 * report, and the report's JSON written to BENCH_REPORT_JSON (to compare two
 * branches' output byte for byte). Reads only; runs no generator and no rollup
 * refresh (a month marked changed is read raw, as the app would).
 *   DATABASE_URL=postgres://…/postgres BENCH_DB=cur_bench_10m npx tsx bench/report-sections.bench.ts
 * BENCH_RUNS (default 3), BENCH_MONTH (default 2026-10), BENCH_ONLY=<regex> (sections), BENCH_POOL (connections, default 5).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { openAppDatabase } from '../core/app/database.js';
import { pluginEntities, pluginMigrations } from '../core/plugins/plugin-registry.js';
import { allPlugins } from '../plugins/index.js';
import { computeStats } from '../core/analytics/stats.service.js';
import { computeRatings } from '../core/analytics/ratings.service.js';
import { RatingSubject } from '../core/analytics/ratings.types.js';
import { StatsDimension } from '../core/analytics/dimensions.js';
import { buildMonthlyReport } from '../core/monthly-report/report.service.js';
import { lateness, overdueByOrganization } from '../core/monthly-report/report-lateness.js';
import { loadDailyFlow, loadHotSpots, loadOverdue, loadProblems } from '../core/monthly-report/report-sections.js';
import { monthPeriod, shiftMonth } from '../core/monthly-report/report-period.js';
import { computeWorkload } from '../core/analytics/workload.service.js';
import { WorkloadKind } from '../core/analytics/workload.types.js';
import { countConflicts, findConflicts } from '../core/analytics/conflicts.service.js';
import { ConflictKind } from '../core/analytics/conflicts.types.js';
import { databaseUrl } from './support/bench-database.js';
import { benchAnalyticsContext } from './support/analytics-context.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MONTH = process.env.BENCH_MONTH ?? '2026-10';
const NOW = new Date('2026-11-20T12:00:00+03:00');
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const logger = createLogger('warn');
const url = databaseUrl(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', process.env.BENCH_DB ?? 'cur_bench_10m');
const config = loadConfig({ DATABASE_URL: url, DATA_DIR: '.data-bench', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-at-least-16-chars' });
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function time(label: string, run: () => Promise<unknown>): Promise<void> {
  if (ONLY && !ONLY.test(label)) return;
  await run(); // warm-up: plans, caches
  const wall: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    wall.push(performance.now() - started);
  }
  console.log(`${label.padEnd(52)} wall ${median(wall).toFixed(0).padStart(6)} ms (min ${Math.min(...wall).toFixed(0)})`);
}

const db = await openAppDatabase({
  url,
  dataDir: '.data-bench',
  logger,
  migrate: process.env.BENCH_MIGRATE === '1',
  poolMax: Number(process.env.BENCH_POOL ?? 5),
  extraEntities: pluginEntities(allPlugins),
  extraMigrations: pluginMigrations(allPlugins),
});
try {
  const { ctx } = benchAnalyticsContext(db.orm, config, logger, NOW);
  const period = monthPeriod(MONTH, config.TIME_ZONE);
  const previous = monthPeriod(shiftMonth(MONTH, -1), config.TIME_ZONE);
  const { from, to } = period;
  console.log(`report ${MONTH} on ${url.replace(/^.*\//, '')}; load ${load()}`);

  await time('lateness (the month)', () => lateness(ctx(), period));
  await time('stats totals (the month)', () => computeStats(ctx(), { groupBy: [], from, to, metrics: new Set(['count', 'answered', 'medianResponseHours']) }));
  await time('daily flow', () => loadDailyFlow(ctx(), from, to));
  for (const dimension of [StatsDimension.CATEGORY, StatsDimension.MUNICIPALITY, StatsDimension.CHANNEL, StatsDimension.ORGANIZATION]) {
    await time(`breakdown ${dimension} (month + previous count)`, async () => {
      await computeStats(ctx(), { groupBy: [dimension], from, to, metrics: new Set(['count', 'onTimeRate', 'medianResponseHours']) });
      await computeStats(ctx(), { groupBy: [dimension], from: previous.from, to: previous.to, metrics: new Set(['count']) });
    });
  }
  await time('hot spots', () => loadHotSpots(ctx(), from, to, previous.from));
  await time('ratings of bodies', () => computeRatings(ctx(), RatingSubject.ORGANIZATION, from, to, null));
  await time('ratings of municipalities', () => computeRatings(ctx(), RatingSubject.MUNICIPALITY, from, to, null));
  const overdueTotals = overdueByOrganization(await lateness(ctx(), period));
  await time('overdue section', () => loadOverdue(ctx(), to, overdueTotals));
  for (const kind of Object.values(ConflictKind)) await time(`conflicts ${kind}`, () => findConflicts(ctx(), from, to, [kind]));
  await time('conflict counts (the report)', () => countConflicts(ctx(), from, to));
  await time('problems', () => loadProblems(ctx(), from, to));
  await time('workload (blocks only)', () => computeWorkload(ctx(), null, from, to, WorkloadKind.SECTOR));
  await time('kpis', () => computeStats(ctx(), { groupBy: [], from, to, metrics: new Set(), withKpis: true }));
  await time('monthlyReport (all sections)', () => buildMonthlyReport(ctx(), MONTH));
  if (process.env.BENCH_REPORT_JSON) {
    writeFileSync(process.env.BENCH_REPORT_JSON, JSON.stringify(await buildMonthlyReport(ctx(), MONTH), null, 1));
    console.log(`report written to ${process.env.BENCH_REPORT_JSON}`);
  }
  console.log(`load at the end: ${load()} (2 cores)`);
} finally {
  await db.close();
}
