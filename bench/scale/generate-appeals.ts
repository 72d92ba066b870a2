/**
 * The largest region's data set: BENCH_APPEALS appeals (default 10,000,000)
 * over the four years before NOW, with their audit trail, generated in SQL
 * (generate_series) into `cur_bench_10m` on DATABASE_URL's server and kept
 * between runs. Batches of 200,000 appeals are generated newest first, each
 * in its own transaction with its events, so a run stopped half-way leaves a
 * consistent data set of the latest months (and the next run continues).
 * Inside a batch rows are written in time order, as real appeals arrive.
 *
 * Distributions: arrivals grow ~35 % a year with a weekly rhythm (weekends
 * 40 % of a weekday); a Pareto-like pick of municipalities (the capital and
 * the big towns take most); channels weighted as in the region (ПОС 40 %);
 * statuses by age (old appeals closed, recent ones open); answer times
 * spread over 5 %..115 % of the allowed time; ratings for 60 % of closed ones.
 * Events per appeal: REGISTERED, ASSIGNED, ANSWERED (answered ones),
 * STATUS_CHANGED to CLOSED (closed ones), plus REDIRECTED (5 %) and
 * ANSWER_REVIEWED returns (6 %), about 3.6 events per appeal.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres nice npx tsx bench/scale/generate-appeals.ts
 */
import 'reflect-metadata';
import pg from 'pg';
import { loadavg } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../../core/config/config.js';
import { createLogger } from '../../core/logging/logger.js';
import { openAppDatabase } from '../../core/app/database.js';
import { pluginEntities, pluginMigrations } from '../../core/plugins/plugin-registry.js';
import { seedReference } from '../../core/seed/reference.seed.js';
import { loadRegionPack } from '../../core/region/index.js';
import { allPlugins } from '../../plugins/index.js';

export const SCALE_DB = process.env.BENCH_DB ?? 'cur_bench_10m';
export const SCALE_NOW = new Date('2026-11-20T12:00:00+03:00');
const COUNT = Number(process.env.BENCH_APPEALS ?? 10_000_000);
const BATCH = 200_000;
const YEARS = 4;

export async function scaleDatabaseUrl(server: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [SCALE_DB]);
    if (!rows.length) await admin.query(`create database ${pg.escapeIdentifier(SCALE_DB)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${SCALE_DB}`;
  return url.toString();
}

/** Appeal number g (1 = newest) → its arrival time: growth over the years, the week's rhythm. */
const ARRIVAL = `($now::timestamptz - ($years - ln(1 + (1 - g::float8 / $count) * (power(1.35::float8, $years) - 1)) / ln(1.35::float8)) * interval '365 days')`;

async function generateBatch(raw: pg.Client, from: number, to: number): Promise<void> {
  const steps: string[] = [];
  const client = {
    async query(text: string, values?: unknown[]) {
      const t0 = Date.now();
      const result = await raw.query(text, values);
      steps.push(`${text.trim().split(/\s+/).slice(0, 3).join(' ')}: ${Date.now() - t0} ms`);
      return result;
    },
  };
  const at = ARRIVAL.replaceAll('$now', '$1').replaceAll('$count', '$4::float8').replaceAll('$years', '$5::float8');
  await client.query('begin');
  await client.query(
    `create temporary table batch on commit drop as
    select g, x.*,
      case when x.received_at + x.allowed * 1.6 < $1::timestamptz
           then case when x.r_status < 0.90 then 'CLOSED' when x.r_status < 0.94 then 'ANSWERED' when x.r_status < 0.97 then 'IN_PROGRESS' else 'REJECTED' end
           else case when x.r_status < 0.25 then 'IN_PROGRESS' when x.r_status < 0.40 then 'ASSIGNED' when x.r_status < 0.50 then 'REGISTERED'
                     when x.r_status < 0.60 then 'ON_REVIEW' when x.r_status < 0.80 then 'ANSWERED' when x.r_status < 0.95 then 'CLOSED' else 'REDIRECTED' end
      end::appeal_status as status,
      x.received_at + x.allowed as due_at, gen_random_uuid() as id
    from generate_series($2::int, $3::int) g,
    lateral (
      select ref.channels[1 + floor(random() * 10)::int] as channel,
        ref.categories[c] as category_id, ref.category_sectors[c] as sector_id,
        ref.municipalities[1 + floor(power(random(), 3) * array_length(ref.municipalities, 1))::int] as municipality_id,
        ref.organizations[1 + floor(power(random(), 1.5) * array_length(ref.organizations, 1))::int] as organization_id,
        ref.users[1 + floor(random() * array_length(ref.users, 1))::int] as assignee_id,
        -- weekends: shift 60 % of Saturday/Sunday arrivals to the Monday after
        case when extract(isodow from t) >= 6 and random() < 0.6 then t + (8 - extract(isodow from t)) * interval '1 day' else t end as received_at,
        (10 + floor(random() * 21)::int) * interval '1 day' as allowed,
        random() as r_status, random() as r_score, random() as r_repeat, random() as r_answer, random() as r_event,
        'ул. ' || ref.streets[1 + floor(random() * 6)::int] || ', д. ' || (1 + floor(random() * 80)::int) as address
      from bench_ref ref,
        lateral (select 1 + floor(power(random(), 1.4) * array_length(ref.categories, 1))::int as c,
                        least(${at}, $1::timestamptz - interval '1 hour') as t) pick
      where g > 0
    ) x`,
    [SCALE_NOW, from, to, COUNT, YEARS],
  );
  await client.query(`alter table batch add column answered_at timestamptz`);
  await client.query(
    `update batch set answered_at = least(received_at + allowed * (0.05 + r_answer * 1.1), $1::timestamptz - interval '1 hour')
    where status in ('CLOSED', 'ANSWERED', 'ON_REVIEW')`,
    [SCALE_NOW],
  );
  await client.query(`insert into appeal (id, number, channel, external_id, status, text, address, municipality_id, sector_id, category_id, organization_id,
      assignee_id, fz59, received_at, registered_at, due_at, deadline_starts_at, answered_at, closed_at, paused_ms, satisfaction_score,
      rated_at, is_repeat, created_at, updated_at)
    select id, 'B-' || g, channel, 'bench-' || g, status, 'Обращение ' || g, address, municipality_id, sector_id, category_id, organization_id,
      assignee_id, channel in ('WRITTEN', 'EMAIL'), received_at, received_at + interval '1 hour', due_at, received_at,
      answered_at, case when status = 'CLOSED' then answered_at + interval '1 day' end, 0,
      case when status = 'CLOSED' and r_score < 0.6 then (array[1,2,3,4,4,5,5,5,5,5])[1 + floor(r_score * 16)::int] end,
      case when status = 'CLOSED' and r_score < 0.6 then answered_at + interval '2 days' end,
      r_repeat < 0.04, received_at, coalesce(answered_at, received_at)
    from batch
    order by received_at`);
  await client.query(`insert into appeal_event (id, appeal_id, type, at, actor_label, from_status, to_status, reason, data)
    select gen_random_uuid(), b.id, e.type, e.at, 'bench', e.from_status::appeal_status, e.to_status::appeal_status, e.reason, e.data
    from batch b,
    lateral (select b.received_at + interval '1 hour' as registered_at, b.answered_at,
      case when b.status = 'CLOSED' then b.answered_at + interval '1 day' end as closed_at, b.status, 'B-' || b.g as number) a,
    lateral (values
      ('REGISTERED', a.registered_at, null, 'REGISTERED', null, null::jsonb, true),
      ('ASSIGNED', a.registered_at + interval '2 hours', 'REGISTERED', 'ASSIGNED', null, null, a.status <> 'REGISTERED'),
      ('REDIRECTED', a.registered_at + interval '3 hours', 'ASSIGNED', 'REDIRECTED', 'по компетенции', null, a.status = 'REDIRECTED' or b.r_event < 0.05),
      ('ANSWER_REVIEWED', a.answered_at - interval '1 hour', null, null, 'Ответ не по существу', '{"decision":"RETURN"}', a.answered_at is not null and b.r_event > 0.94),
      ('ANSWERED', a.answered_at, 'IN_PROGRESS', 'ANSWERED', null,
        jsonb_build_object('text', case when b.r_score > 0.97 then 'Ваше обращение рассмотрено. Информация принята к сведению.' else 'Ответ по существу № ' || a.number end),
        a.answered_at is not null),
      ('STATUS_CHANGED', a.closed_at, 'ANSWERED', 'CLOSED', null, null, a.closed_at is not null)
    ) e(type, at, from_status, to_status, reason, data, wanted)
    where e.wanted
    order by e.at`);
  await client.query('insert into bench_progress (batch_to, done_at) values ($1, now())', [to]);
  await client.query('commit');
  if (process.env.BENCH_VERBOSE) console.log(steps.join('; '));
}

export async function generateScaleData(server: string): Promise<string> {
  const logger = createLogger('warn');
  const url = await scaleDatabaseUrl(server);
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-at-least-16-chars' });
  const db = await openAppDatabase({
    url,
    dataDir: '.data-bench',
    logger,
    poolMax: 3,
    extraEntities: pluginEntities(allPlugins),
    extraMigrations: pluginMigrations(allPlugins),
  });
  try {
    await seedReference(db.orm.em.fork() as EntityManager, loadRegionPack(config.REGION_PACK), allPlugins, false);
  } finally {
    await db.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table if not exists bench_progress (batch_to int primary key, done_at timestamptz not null)`);
    await client.query(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
      select gen_random_uuid(), 'bench' || n || '.' || o.code || '@bench.local', '!', 'Специалист ' || n || ', ' || o.short_name, 'ORG_OPERATOR', '{}', o.id
      from organization o cross join generate_series(1, 2) n
      where o.kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')
      on conflict (email) do nothing`);
    await client.query(`create temporary table bench_ref as
      select (select array_agg(id order by code) from category) as categories,
             (select array_agg(sector_id order by code) from category) as category_sectors,
             (select array_agg(id order by code) from municipality) as municipalities,
             (select array_agg(id order by code) from organization where kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')) as organizations,
             (select array_agg(id order by email) from app_user where email like '%@bench.local') as users,
             array['POS','POS','POS','POS','SOCIAL_MEDIA','SOCIAL_MEDIA','REGIONAL_SYSTEM','WRITTEN','EMAIL','PHONE']::channel[] as channels,
             array['Ленина','Советская','Панфилова','Кирова','Гагарина','Комсомольская']::text[] as streets`);
    const {
      rows: [{ done }],
    } = await client.query('select coalesce(max(batch_to), 0)::int as done from bench_progress');
    await client.query(`set synchronous_commit = off`);
    // The rows are consistent by construction: no per-row foreign-key checks, no change marks for the
    // analytics rollup (the rollup is built from scratch on the first analytics run). Needs a superuser.
    await client.query(`set session_replication_role = replica`);
    const {
      rows: [{ pid }],
    } = await client.query('select pg_backend_pid() as pid');
    console.log(`generating into ${SCALE_DB} (backend pid ${pid}), from appeal ${done + 1} of ${COUNT}`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    // A bulk load: the secondary indexes (search, trigram, the filters' btrees) are dropped while
    // the rows go in and built once at the end, which is several times faster than row by row.
    if (done < COUNT) {
      await client.query(`create table if not exists bench_dropped_index (name text primary key, definition text not null)`);
      await client.query(`insert into bench_dropped_index select indexname, indexdef from pg_indexes
        where schemaname = 'public' and tablename in ('appeal', 'appeal_event') and indexdef not like 'CREATE UNIQUE%' on conflict do nothing`);
      const { rows: drop } = await client.query(`select name from bench_dropped_index d where exists (select 1 from pg_class where relname = d.name)`);
      for (const { name } of drop) await client.query(`drop index ${pg.escapeIdentifier(name)}`);
    }
    const started = Date.now();
    // BENCH_STOP_AT (an ISO time): no new batch after it; the next run continues.
    const stopAt = process.env.BENCH_STOP_AT ? Date.parse(process.env.BENCH_STOP_AT) : Infinity;
    for (let from = done + 1; from <= COUNT && Date.now() < stopAt; from += BATCH) {
      const to = Math.min(COUNT, from + BATCH - 1);
      const t0 = Date.now();
      await generateBatch(client, from, to);
      console.log(`${new Date().toISOString()} appeals ${from}..${to} in ${((Date.now() - t0) / 1000).toFixed(0)} s; load ${loadavg()[0].toFixed(1)}`);
    }
    // BENCH_INDEXES_LATER (index names, comma-separated): left unbuilt for the next run, e.g. the text
    // search and trigram indexes, which no page or analytics question reads and take longest.
    const later = (process.env.BENCH_INDEXES_LATER ?? '').split(',').filter(Boolean);
    const { rows: build } = await client.query(
      `select name, definition from bench_dropped_index d where not exists (select 1 from pg_class where relname = d.name)
       and not name = any($1::text[]) order by definition like '%USING gin%', name`,
      [later],
    );
    if (later.length) console.log(`left for the next run: ${later.join(', ')}`);
    for (const { name, definition } of build) {
      const t0 = Date.now();
      await client.query(definition);
      console.log(`${new Date().toISOString()} index ${name} built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    await client.query(`set session_replication_role = origin`);
    if (done < COUNT) {
      console.log(
        `generated appeals ${done + 1}..${Math.min(COUNT, (await client.query('select coalesce(max(batch_to), 0)::int as n from bench_progress')).rows[0].n)} and built the indexes in ${((Date.now() - started) / 60000).toFixed(1)} min`,
      );
      for (const table of ['appeal', 'appeal_event']) {
        const t0 = Date.now();
        await client.query(`vacuum analyze ${table}`);
        console.log(`${new Date().toISOString()} vacuum analyze ${table} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    }
    const { rows: sizes } = await client.query(`select relname, pg_size_pretty(pg_relation_size(oid)) as heap,
      pg_size_pretty(pg_total_relation_size(oid)) as total from pg_class where relname in ('appeal', 'appeal_event')`);
    for (const { relname, heap, total } of sizes) console.log(`${relname}: ${heap} of rows, ${total} with indexes`);
    console.log(`database: ${(await client.query('select pg_size_pretty(pg_database_size(current_database())) as s')).rows[0].s}`);
  } finally {
    await client.end();
  }
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('DATABASE_URL (a PostgreSQL server) is required');
  await generateScaleData(server);
}
