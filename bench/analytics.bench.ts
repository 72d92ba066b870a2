/**
 * Analytics at scale: 1,000,000 appeals over two years in a dedicated
 * database; the analytics rollup brought up to date (every month on the first
 * run), one appeal changed and the refresh of its month timed; then the
 * median of several timed runs of
 *   - stats by ORGANIZATION x MONTH over a year, all metrics of API.md (from
 *     the rollup, and again from `appeal` only, checking both agree),
 *   - ratings of bodies (a month, a quarter and a year) and of municipalities,
 *   - the monthly report (the sections, and each file renderer).
 * Uses DATABASE_URL's server (database `cur_bench_analytics`, kept between
 * runs; BENCH_FRESH=1 rebuilds it), else an embedded PostgreSQL in
 * .data-bench. BENCH_APPEALS sets the count (default 1,000,000); BENCH_ROLLUP_FROM
 * (YYYY-MM) builds the rollup from that month on only.
 *   npm run bench:analytics   (BENCH_ONLY=<regex> times only the matching lines)
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { openAppDatabase } from '../core/app/database.js';
import { pluginEntities, pluginMigrations } from '../core/plugins/plugin-registry.js';
import { seedReference } from '../core/seed/reference.seed.js';
import { loadRegionPack } from '../core/region/index.js';
import { allPlugins } from '../plugins/index.js';
import { computeStats } from '../core/analytics/stats.service.js';
import { computeRatings } from '../core/analytics/ratings.service.js';
import { RatingSubject } from '../core/analytics/ratings.types.js';
import { loadRatingFigures, type RatingFigures } from '../core/analytics/ratings.figures.js';
import { StatsDimension } from '../core/analytics/dimensions.js';
import { METRICS, type Metric } from '../core/analytics/measures/metrics.js';
import type { StatsRow } from '../core/analytics/stats.types.js';
import { refreshRollup } from '../core/analytics/rollup/rollup-refresh.service.js';
import { rebuildRuleRollupMonth } from '../core/recommendations/recommendation-rollup.js';
import { buildMonthlyReport } from '../core/monthly-report/report.service.js';
import { renderReportHtml } from '../core/monthly-report/render-html.js';
import { renderReportXlsx } from '../core/monthly-report/render-xlsx.js';
import { renderReportPdf } from '../core/monthly-report/render-pdf.js';
import { computeWorkload } from '../core/analytics/workload.service.js';
import { findConflicts } from '../core/analytics/conflicts.service.js';
import { generateBenchAppeals } from './analytics-generator.js';
import { query, sql } from '../core/db/sql.js';
import { namedBenchDatabase } from './support/bench-database.js';
import { benchAnalyticsContext } from './support/analytics-context.js';

const COUNT = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date('2026-11-20T12:00:00+03:00');
// BENCH_DB: another kept database, e.g. cur_bench_10m of bench/scale/generate-appeals.ts (the largest region).
const DB_NAME = process.env.BENCH_DB ?? 'cur_bench_analytics';
const logger = createLogger('warn');

const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
// BENCH_ROLLUP_FROM=YYYY-MM: build the rollup from that month on only (the first build of four years at
// the largest region's density takes longer than the questions need: they read the last 13 months).
const ROLLUP = { from: process.env.BENCH_ROLLUP_FROM, rebuilders: [rebuildRuleRollupMonth] };

/**
 * CPU time of the database backends from /proc, beside the wall time: on a
 * machine shared with other work the wall time grows with the load, the CPU
 * time a statement needs does not. Two backends: the ORM's one connection
 * (transactions: stats, ratings) and the SQL helper pool's one (statements
 * outside a transaction: conflicts, parts of the report), asked before each run.
 */
let backendPids: number[] = [];
let sqlPoolPid: () => Promise<number> = async () => 0;
function backendCpuMs(): number {
  try {
    let ms = 0;
    for (const pid of backendPids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ms += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s ticks
    }
    return ms;
  } catch {
    return Number.NaN;
  }
}

/** The rollup's figures against the raw statement's, to the 9th significant digit. */
function sameStats(a: StatsRow[], b: StatsRow[]): boolean {
  const key = (row: StatsRow) => row.group.map((g) => g.value).join('|');
  const other = new Map(b.map((row) => [key(row), row as unknown as Record<string, unknown>]));
  return (
    a.length === b.length &&
    a.every((row) => {
      const twin = other.get(key(row));
      return (
        twin &&
        METRICS.every((m) => {
          const x = (row as unknown as Record<string, unknown>)[m] as number | null;
          const y = twin[m] as number | null;
          return x == null || y == null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
        })
      );
    })
  );
}

/** Ratings' figures of both paths: counts equal, medians to the 9th significant digit. */
function sameFigures(a: RatingFigures[], b: RatingFigures[]): boolean {
  const other = new Map(b.map((f) => [f.id, f]));
  return (
    a.length === b.length &&
    a.every((f) => {
      const twin = other.get(f.id);
      if (!twin) return false;
      const { medianHours: x, ...counts } = f;
      const { medianHours: y, ...twinCounts } = twin;
      const close = x == null || y == null ? x === y : Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
      return close && JSON.stringify(counts) === JSON.stringify(twinCounts);
    })
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time<T>(label: string, run: () => Promise<T>): Promise<{ label: string; median: number; result: T }> {
  let result!: T;
  if (ONLY && !ONLY.test(label)) return { label, median: 0, result: await run() };
  const wall: number[] = [];
  const dbCpu: number[] = [];
  const nodeCpu: number[] = [];
  result = await run(); // warm-up: plans, caches
  for (let i = 0; i < RUNS; i++) {
    backendPids = [backendPids[0], await sqlPoolPid()];
    const started = performance.now();
    const db0 = backendCpuMs();
    const node0 = process.cpuUsage();
    result = await run();
    const node = process.cpuUsage(node0);
    dbCpu.push(backendCpuMs() - db0);
    nodeCpu.push((node.user + node.system) / 1000);
    wall.push(performance.now() - started);
  }
  const out = { label, median: median(wall), result };
  console.log(
    `${label.padEnd(58)} wall ${median(wall).toFixed(0).padStart(6)} ms (min ${Math.min(...wall).toFixed(0)})   cpu: db ${median(dbCpu).toFixed(0).padStart(5)} ms + node ${median(nodeCpu).toFixed(0).padStart(5)} ms`,
  );
  return out;
}

const url = process.env.DATABASE_URL ? await namedBenchDatabase(process.env.DATABASE_URL, DB_NAME) : ''; // '': embedded, below
const config = loadConfig({ DATABASE_URL: url || undefined, DATA_DIR: '.data-bench', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-at-least-16-chars' });
// Migrations first on a pool of their own (they need a second connection); the timed pool has one, so its backend's CPU is the queries'.
await (
  await openAppDatabase({
    url: url || undefined,
    dataDir: '.data-bench',
    logger,
    poolMax: 3,
    extraEntities: pluginEntities(allPlugins),
    extraMigrations: pluginMigrations(allPlugins),
  })
).close();
const db = await openAppDatabase({
  url: url || undefined,
  dataDir: '.data-bench',
  logger,
  migrate: false,
  poolMax: 1,
  extraEntities: pluginEntities(allPlugins),
  extraMigrations: pluginMigrations(allPlugins),
});
try {
  const em = () => db.orm.em.fork() as EntityManager;
  await seedReference(em(), loadRegionPack(config.REGION_PACK), allPlugins, false);
  const [{ n }] = await em().getConnection().execute(`select count(*)::int as n from appeal where external_id like 'bench-%'`);
  if (n < COUNT) {
    if (n > 0) throw new Error(`${DB_NAME} holds ${n} bench appeals, fewer than ${COUNT}: run with BENCH_FRESH=1`);
    await generateBenchAppeals(em(), COUNT, NOW);
  }
  const [{ appeals, events }] = await em()
    .getConnection()
    .execute(`select (select count(*) from appeal)::int as appeals, (select count(*) from appeal_event)::int as events`);
  console.log(
    `data set: ${appeals} appeals, ${events} audit-trail events; PostgreSQL ${(await em().getConnection().execute('show server_version'))[0].server_version}; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  backendPids = [(await em().getConnection().execute('select pg_backend_pid() as pid'))[0].pid];
  sqlPoolPid = async () => (await query<{ pid: number }>(em(), sql`select pg_backend_pid() as pid`))[0].pid;
  const { ctx } = benchAnalyticsContext(db.orm, config, logger, NOW);
  const yearFrom = new Date('2025-11-01T00:00:00+03:00');
  const monthFrom = new Date('2026-10-01T00:00:00+03:00');
  const monthTo = new Date('2026-11-01T00:00:00+03:00');
  const quarterFrom = new Date('2026-08-01T00:00:00+03:00');

  // The rollup: built on the first run (every month), then only what changed.
  let started = performance.now();
  const built = await refreshRollup(em(), config.TIME_ZONE, ROLLUP);
  console.log(`rollup refresh: ${built.months.length} months rebuilt, ${built.marks} change marks, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // One change, then the refresh the job would run: one month rebuilt.
  await em()
    .getConnection()
    .execute(
      `update appeal set satisfaction_score = 6 - satisfaction_score where id = (select id from appeal where satisfaction_score is not null and received_at >= ? order by received_at limit 1)`,
      [yearFrom],
    );
  started = performance.now();
  const after = await refreshRollup(em(), config.TIME_ZONE, ROLLUP);
  console.log(`rollup refresh after one change: ${after.months.join(', ')} rebuilt in ${(performance.now() - started).toFixed(0)} ms`);
  const [{ cells }] = await em().getConnection().execute('select count(*)::int as cells from analytics_rollup');
  console.log(`rollup: ${cells} cells`);

  const statsYear =
    (source: 'auto' | 'raw', metrics: ReadonlySet<Metric> = new Set(METRICS)) =>
    () =>
      computeStats(ctx(), { groupBy: [StatsDimension.ORGANIZATION, StatsDimension.MONTH], from: yearFrom, to: monthTo, metrics, source });
  const stats = await time('stats ORGANIZATION x MONTH, a year, all metrics', statsYear('auto'));
  console.log(`  ${stats.result.length} groups`);
  const raw = await time('  the same from `appeal` only (no rollup)', statsYear('raw'));
  console.log(`  rollup and raw agree: ${sameStats(stats.result, raw.result) ? 'yes' : 'NO'}`);
  // A live system changes the current month all the time: until the job rebuilds it, that month is read from `appeal`.
  await em()
    .getConnection()
    .execute(
      `update appeal set is_repeat = not is_repeat where id = (select id from appeal where received_at >= ? and received_at < ? order by received_at limit 1)`,
      [monthFrom, monthTo],
    );
  const dirty = await time('  the same with its last month just changed (read raw)', statsYear('auto'));
  const rawAgain = await computeStats(ctx(), {
    groupBy: [StatsDimension.ORGANIZATION, StatsDimension.MONTH],
    from: yearFrom,
    to: monthTo,
    metrics: new Set(METRICS),
    source: 'raw',
  });
  console.log(`  rollup + raw month and raw agree: ${sameStats(dirty.result, rawAgain) ? 'yes' : 'NO'}`);
  await refreshRollup(em(), config.TIME_ZONE, ROLLUP);
  await time('stats ORGANIZATION x MONTH, a year, count + onTimeRate + median', () =>
    computeStats(ctx(), {
      groupBy: [StatsDimension.ORGANIZATION, StatsDimension.MONTH],
      from: yearFrom,
      to: monthTo,
      metrics: new Set(['count', 'onTimeRate', 'medianResponseHours'] as const),
    }),
  );
  await time('stats SECTOR, a month, count + every plugin KPI', () =>
    computeStats(ctx(), { groupBy: [StatsDimension.SECTOR], from: monthFrom, to: monthTo, metrics: new Set(['count'] as const), withKpis: true }),
  );
  await time('ratings of bodies, a month', () => computeRatings(ctx(), RatingSubject.ORGANIZATION, monthFrom, monthTo, null));
  await time('ratings of bodies, a quarter', () => computeRatings(ctx(), RatingSubject.ORGANIZATION, quarterFrom, monthTo, null));
  await time('ratings of bodies, a year', () => computeRatings(ctx(), RatingSubject.ORGANIZATION, yearFrom, monthTo, null));
  await time('ratings of municipalities, a year', () => computeRatings(ctx(), RatingSubject.MUNICIPALITY, yearFrom, monthTo, null));
  // The figures behind them (medians from the months' histograms) against the statement on `appeal` alone.
  for (const subject of [RatingSubject.ORGANIZATION, RatingSubject.MUNICIPALITY]) {
    const [auto, raw] = await Promise.all(
      ['auto', 'raw'].map((source) => loadRatingFigures(ctx(), subject, yearFrom, monthTo, null, source as 'auto' | 'raw')),
    );
    console.log(`  ratings of ${subject}, a year: rollup and raw agree: ${sameFigures(auto, raw) ? 'yes' : 'NO'}`);
  }
  await time('workload (open appeals, answers of the last 30 days)', () => computeWorkload(ctx(), null));
  await time('conflicts, a month', () => findConflicts(ctx(), monthFrom, monthTo));
  const report = await time('monthlyReport 2026-10 (all sections)', () => buildMonthlyReport(ctx(), '2026-10'));
  await time('  render HTML', async () => renderReportHtml(report.result, 'Europe/Moscow'));
  await time('  render XLSX', () => renderReportXlsx(report.result, 'ЦУР'));
  await time('  render PDF', () => renderReportPdf(report.result, 'Europe/Moscow', 'ЦУР'));
  console.log(
    `load at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores)`,
  );
} finally {
  await db.close();
}
