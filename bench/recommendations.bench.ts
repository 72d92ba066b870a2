/**
 * Recommendations and best practices at scale: BENCH_APPEALS appeals
 * (default 1,000,000) over two years from the analytics bench generator
 * (bench/analytics-generator.ts), plus an official page per body with the
 * last year's social-media appeals as its comments and two posts a week;
 * the analytics rollup brought up to date; then the median of BENCH_RUNS
 * timed runs of recommendations (every rule, every body) and of best
 * practices, each over a year. Target: < 1 s each at 1,000,000.
 * Uses DATABASE_URL's server (database `cur_bench_recommendations`, or
 * BENCH_DB, kept between runs; BENCH_FRESH=1 rebuilds it). BENCH_RULES=1
 * also times each core rule alone.
 *   npm run bench:recommendations      (BENCH_APPEALS=100000 for a quick run)
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { openAppDatabase } from '../core/app/database.js';
import { pluginEntities, pluginMigrations } from '../core/plugins/plugin-registry.js';
import { seedReference } from '../core/seed/reference.seed.js';
import { loadRegionPack } from '../core/region/index.js';
import { allPlugins } from '../plugins/index.js';
import { Role } from '../core/entities/enums.js';
import type { AppServices } from '../core/app/app-services.js';
import { refreshRollup } from '../core/analytics/rollup/rollup-refresh.service.js';
import { rebuildRuleRollupMonth } from '../core/recommendations/recommendation-rollup.js';
import { computeRecommendations } from '../core/recommendations/recommendations.service.js';
import { RECOMMENDATION_RULES } from '../core/recommendations/recommendation.rules.js';
import { findBestPractices } from '../core/recommendations/best-practices.service.js';
import { rankOfficialPages } from '../core/official-pages/official-page-metrics.service.js';
import { generateBenchAppeals } from './analytics-generator.js';
import { namedBenchDatabase } from './support/bench-database.js';

const COUNT = Number(process.env.BENCH_APPEALS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NOW = new Date('2026-11-20T12:00:00+03:00');
const DB_NAME = process.env.BENCH_DB ?? 'cur_bench_recommendations';
const logger = createLogger('warn');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * CPU time of the one database backend (the pool has one connection) from
 * /proc, beside the wall time: on a machine shared with other work the wall
 * time grows with the load, the CPU time a statement needs does not.
 */
let backendPid = 0;
function backendCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/${backendPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

async function time<T>(label: string, run: () => Promise<T>): Promise<T> {
  let result = await run(); // warm-up: plans, caches
  const wall: number[] = [];
  const dbCpu: number[] = [];
  const nodeCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const db0 = backendCpuMs();
    const node0 = process.cpuUsage();
    result = await run();
    const node = process.cpuUsage(node0);
    dbCpu.push(backendCpuMs() - db0);
    nodeCpu.push((node.user + node.system) / 1000);
    wall.push(performance.now() - started);
  }
  console.log(
    `${label.padEnd(40)} wall ${median(wall).toFixed(0).padStart(6)} ms (min ${Math.min(...wall).toFixed(0)})   cpu: db ${median(dbCpu).toFixed(0).padStart(5)} ms + node ${median(nodeCpu).toFixed(0).padStart(4)} ms`,
  );
  return result;
}

/** Pages, comments and posts as a year of monitoring would leave them (set-based, like the demo). */
async function addPages(em: EntityManager): Promise<void> {
  const conn = em.getConnection();
  const [{ n }] = await conn.execute('select count(*)::int as n from official_page_comment');
  if (n > 0) return;
  const yearAgo = new Date(NOW.getTime() - 365 * 86_400_000);
  await conn.execute(
    `insert into official_page (id, organization_id, platform, url, handle, name, verified, created_at, updated_at)
    select gen_random_uuid(), o.id, 'VK', 'https://vk.com/bench_' || replace(o.code, '-', '_'), 'bench_' || replace(o.code, '-', '_'), o.short_name, true, ?, ?
    from organization o where o.kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION') on conflict do nothing`,
    [yearAgo, yearAgo],
  );
  await conn.execute(
    `insert into official_page_comment (id, page_id, comment_id, posted_at, appeal_id, created_at)
    select gen_random_uuid(), p.id, a.number, a.received_at, a.id, ? from appeal a join official_page p on p.organization_id = a.organization_id
    where a.channel = 'SOCIAL_MEDIA' and a.received_at >= ? on conflict do nothing`,
    [NOW, yearAgo],
  );
  await conn.execute(
    `insert into official_page_post (id, page_id, post_id, published_at, created_at)
    select gen_random_uuid(), p.id, 'bench-' || g, ?::timestamptz + g * interval '3 days', ? from official_page p cross join generate_series(0, 121) g
    on conflict do nothing`,
    [yearAgo, NOW],
  );
  await conn.execute('analyze official_page_comment; analyze official_page_post');
}

if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL: a PostgreSQL server to create the bench database on');
const url = await namedBenchDatabase(process.env.DATABASE_URL, DB_NAME);
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-at-least-16-chars' });
const dbSettings = { url, dataDir: '.data-bench', logger, extraEntities: pluginEntities(allPlugins), extraMigrations: pluginMigrations(allPlugins) };
// Migrating with one role needs two connections (the migrations' transaction and the migrator's table): then one for the timing.
await (await openAppDatabase({ ...dbSettings, poolMax: 2 })).close();
const db = await openAppDatabase({ ...dbSettings, poolMax: 1, migrate: false });
try {
  const em = () => db.orm.em.fork() as EntityManager;
  await seedReference(em(), loadRegionPack(config.REGION_PACK), allPlugins, false);
  const [{ n }] = await em().getConnection().execute(`select count(*)::int as n from appeal where external_id like 'bench-%'`);
  if (n < COUNT) {
    if (n > 0) throw new Error(`${DB_NAME} holds ${n} bench appeals, fewer than ${COUNT}: run with BENCH_FRESH=1`);
    await generateBenchAppeals(em(), COUNT, NOW);
  }
  await addPages(em());
  const started = performance.now();
  const built = await refreshRollup(em(), config.TIME_ZONE, { rebuilders: [rebuildRuleRollupMonth] });
  console.log(`rollup refresh: ${built.months.length} months in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const [counts] = await em().getConnection().execute(`select (select count(*) from appeal)::int as appeals, (select count(*) from appeal_event)::int as events,
    (select count(*) from official_page)::int as pages, (select count(*) from official_page_comment)::int as comments`);
  console.log(
    `data set: ${counts.appeals} appeals, ${counts.events} events, ${counts.pages} pages, ${counts.comments} comments; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores)`,
  );

  backendPid = (await em().getConnection().execute('select pg_backend_pid() as pid'))[0].pid;
  const app = { config, logger, orm: db.orm, plugins: allPlugins, clock: { now: () => NOW } } as unknown as AppServices;
  const user = { id: 'bench', role: Role.CURATOR, organizationId: null, sectors: [] } as never;
  const from = new Date('2025-11-01T00:00:00+03:00');
  const to = new Date('2026-11-01T00:00:00+03:00');
  const recommendations = await time('recommendations, a year, every body', () => computeRecommendations(app, em(), user, from, to, null, NOW));
  const byCode = new Map<string, number>();
  for (const r of recommendations) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  console.log(`  ${recommendations.length} recommendations: ${[...byCode].map(([code, k]) => `${code} ${k}`).join(', ')}`);
  // Where the time goes: each core rule alone (BENCH_RULES=1).
  if (process.env.BENCH_RULES === '1') {
    const ctx = { em: em(), app, user, from, to, now: NOW, organizationId: null };
    for (const rule of RECOMMENDATION_RULES) await time(`  rule ${rule.code}`, () => rule.find({ ...ctx, em: em() }));
  }
  const practices = await time('bestPractices, a year', () => findBestPractices(app, em(), from, to, null));
  console.log(`  ${practices.length} best practices`);
  const ratings = await time('officialPageRatings, a year', () => rankOfficialPages(app, em(), from, to, NOW));
  console.log(`  ${ratings.length} pages rated`);
  console.log(
    `load at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores)`,
  );
} finally {
  await db.close();
}
