/**
 * Time partitioning of `appeal` and `appeal_event`, measured side by side
 * (issue 21): on the largest region's data set (`cur_bench_10m`, bench/scale/generate-appeals.ts)
 * a partitioned copy of both tables is built in a schema of its own
 * (bench/scale/partitioned-copy.ts: by month of receipt / of the event's
 * time, or by year with BENCH_GRAIN=year), the public tables untouched; then
 * the same statements (bench/scale/partitioning-cases.ts: the appeals page
 * cases, lookups by id, the analytics raw statements, the deadline scans, a
 * bulk insert rolled back) run on both, alternating, and the medians are
 * printed with the ratio partitioned / plain, wall time and the backend's CPU
 * time (on a shared machine the wall time grows with the load, the CPU time a
 * statement needs does not; parallel workers' CPU is not counted). EXPLAIN
 * (ANALYZE, BUFFERS) of each read goes to a file, summarized in the table
 * (planning time, buffers, partitions scanned). Retention of the oldest year:
 * DELETE (rolled back) on the plain tables against DETACH + DROP PARTITION
 * (rolled back) on the copy. Then the sizes, and the copy is dropped
 * (BENCH_KEEP=1 keeps it for the next run, which reuses it; BENCH_FRESH=1 rebuilds).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:partitioning
 * BENCH_DB (default cur_bench_10m), BENCH_RUNS (5), BENCH_WRITE_RUNS (3),
 * BENCH_ONLY=<regex> (cases; no retention unless BENCH_RETENTION=1), BENCH_RETENTION=0, BENCH_EXPLAIN=0, BENCH_GIN=1
 * (also build the text-search and trigram indexes; nothing timed reads them).
 */
import pg from 'pg';
import { loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { SCALE_NOW } from './generate-appeals.js';
import { analyzeCopy, copyExists, copyRows, createCopy, dropCopy, partitionsOf, tableSize, type Grain, type TableSize } from './partitioned-copy.js';
import { benchCases, sampleIds, type BenchCase, type Side } from './partitioning-cases.js';

const server = process.env.DATABASE_URL;
if (!server) throw new Error('DATABASE_URL (a PostgreSQL server) is required');
const url = new URL(server);
url.pathname = `/${process.env.BENCH_DB ?? 'cur_bench_10m'}`;
url.searchParams.set('application_name', 'partitioning-bench');
const URL_ = url.toString();
const GRAIN: Grain = process.env.BENCH_GRAIN === 'year' ? 'year' : 'month';
const SCHEMA = process.env.BENCH_SCHEMA ?? (GRAIN === 'month' ? 'part' : 'part_year');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WRITE_RUNS = Number(process.env.BENCH_WRITE_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
const ZONE = process.env.TIME_ZONE ?? 'Europe/Moscow';
const started = Date.now();
const loads: number[] = [];
const load = () => {
  const l = loadavg()[0];
  loads.push(l);
  return l.toFixed(1);
};
const log = (line: string) => console.log(line);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function connect(searchPath: string): Promise<{ client: pg.Client; pid: number }> {
  const client = new pg.Client({ connectionString: URL_ });
  await client.connect();
  await client.query(`set search_path = ${searchPath}`);
  // As the analytics statements run (analytics-context.ts): no JIT; the same for every case here.
  await client.query(`set jit = off`);
  const {
    rows: [{ pid }],
  } = await client.query('select pg_backend_pid() as pid');
  return { client, pid };
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Timing {
  wall: number;
  cpu: number;
}
interface Row {
  c: BenchCase;
  plain: Timing;
  part: Timing;
  load: number;
  plan?: Record<Side, PlanSummary>;
}
interface PlanSummary {
  planningMs: number;
  executionMs: number;
  buffers: number;
  scanned: number;
}

const admin = new pg.Client({ connectionString: URL_ });
await admin.connect();
log(`partitioning bench on ${url.pathname.slice(1)}, ${GRAIN}ly partitions in schema ${SCHEMA}, ${new Date().toISOString()}, load ${load()}`);
const {
  rows: [counts],
} = await admin.query(`select (select reltuples::bigint from pg_class where oid = 'public.appeal'::regclass) as appeals,
  (select reltuples::bigint from pg_class where oid = 'public.appeal_event'::regclass) as events`);
log(`public: ~${counts.appeals} appeals, ~${counts.events} events (pg_class estimates)`);

if (process.env.BENCH_FRESH === '1') await dropCopy(admin, SCHEMA);
const copyOptions = { schema: SCHEMA, grain: GRAIN, zone: ZONE, gin: process.env.BENCH_GIN === '1', log };
const second = new pg.Client({ connectionString: URL_ });
await second.connect();
const lanes: [pg.Client, pg.Client] = [admin, second];
const record = async (steps: { step: string; ms: number }[]) => {
  for (const st of steps) await admin.query(`insert into ${pg.escapeIdentifier(SCHEMA)}.build_log (step, ms) values ($1, $2)`, [st.step, st.ms]);
};
// BENCH_PHASE=measure: time the kept copy as it is (another run may still be copying rows into it); it stays.
const measureOnly = process.env.BENCH_PHASE === 'measure';
if (measureOnly && !(await copyExists(admin, SCHEMA))) throw new Error(`BENCH_PHASE=measure: no copy in schema ${SCHEMA}`);
if (await copyExists(admin, SCHEMA)) {
  log(`continuing the kept copy in ${SCHEMA} (BENCH_FRESH=1 rebuilds it)`);
} else {
  try {
    const steps = await createCopy(admin, { ...copyOptions, now: SCALE_NOW });
    await admin.query(`create table ${pg.escapeIdentifier(SCHEMA)}.build_log (at timestamptz not null default now(), step text not null, ms int not null)`);
    await record(steps);
  } catch (error) {
    await dropCopy(admin, SCHEMA);
    throw error;
  }
}
// A generator run still under way (its secondary indexes not all built yet): copy what it has committed, wait, again.
const pending = async () => {
  const { rows } = await admin.query(`select to_regclass('public.bench_dropped_index') is not null as saved`);
  if (!rows[0].saved) return 0;
  const { rows: missing } = await admin.query(
    `select count(*)::int as n from bench_dropped_index d where definition not like '%USING gin%' and to_regclass('public.' || quote_ident(d.name)) is null`,
  );
  // And the generator's closing VACUUM ANALYZE of both public tables, after its last batch.
  const { rows: unvacuumed } = await admin.query(
    `select count(*)::int as n from pg_stat_user_tables s where s.schemaname = 'public' and s.relname in ('appeal', 'appeal_event')
        and coalesce(s.last_vacuum, 'epoch') < (select max(done_at) from bench_progress)`,
  );
  return (missing[0].n as number) + (unvacuumed[0].n as number);
};
for (let n = measureOnly ? 0 : await pending(); !measureOnly; n = await pending()) {
  await record(await copyRows(lanes, copyOptions));
  if (!n || process.env.BENCH_PHASE === 'copy') break;
  log(`${new Date().toISOString()} public still lacks ${n} btree indexes or vacuums (a generator run under way): waiting; load ${load()}`);
  await new Promise((resolve) => setTimeout(resolve, 60_000));
}
if (process.env.BENCH_PHASE === 'copy') {
  log('BENCH_PHASE=copy: the rows committed so far are copied; the copy is kept for the next run');
  await second.end();
  await admin.end();
} else {
  const { rows: analyzed } = await admin.query(`select 1 from ${pg.escapeIdentifier(SCHEMA)}.build_log where step like 'vacuum analyze%'`);
  if (!analyzed.length && !measureOnly) await record(await analyzeCopy(lanes, copyOptions));
  await second.end();
  const {
    rows: [built],
  } = await admin.query(`select sum(ms)::float8 as ms, min(at) as first from ${pg.escapeIdentifier(SCHEMA)}.build_log`);
  const buildMs = built.ms as number;
  log(`building the partitioned copy took ${(buildMs / 60000).toFixed(1)} min of steps (the last at ${new Date().toISOString()}), load ${load()}`);
  try {
    await measure(buildMs);
  } finally {
    if (process.env.BENCH_KEEP === '1' || measureOnly) {
      log(`kept the copy in schema ${SCHEMA} (drop schema ${SCHEMA} cascade)`);
    } else {
      const t0 = Date.now();
      await dropCopy(admin, SCHEMA);
      log(`dropped schema ${SCHEMA} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    await admin.end();
    log(`done in ${((Date.now() - started) / 60000).toFixed(1)} min, load ${load()}`);
  }
}

async function measure(buildMs: number): Promise<void> {
  const sides: Record<Side, { client: pg.Client; pid: number }> = {
    plain: await connect('public'),
    part: await connect(`${pg.escapeIdentifier(SCHEMA)}, public`),
  };

  const month = new Date(Date.UTC(SCALE_NOW.getUTCFullYear(), SCALE_NOW.getUTCMonth() - 1, 1)).toISOString().slice(0, 10) + ' 00:00:00';
  const cases = (await benchCases({ url: URL_, now: SCALE_NOW, zone: ZONE, month, ids: await sampleIds(admin, ZONE) })).filter(
    (c) => !ONLY || ONLY.test(`${c.group} ${c.name}`),
  );
  const plans: string[] = [];
  const rows: Row[] = [];
  for (const c of cases) {
    const workMem = c.group === 'analytics' ? '64MB' : '4MB'; // ANALYTICS_WORK_MEM's default for analytics, the server's default else
    for (const side of ['plain', 'part'] as const) {
      await sides[side].client.query(`set work_mem = '${workMem}'; set plan_cache_mode = ${c.generic ? 'force_generic_plan' : 'auto'}`);
    }
    const times: Record<Side, Timing[]> = { plain: [], part: [] };
    const l0 = loadavg()[0];
    for (const side of ['plain', 'part'] as const) await c.run(sides[side].client, side); // warm-up: plans, caches
    for (let i = 0; i < (c.write ? WRITE_RUNS : RUNS); i++) {
      // Alternating, each side first in turn, so that both see the same load and neither only the other's cache.
      for (const side of i % 2 ? (['part', 'plain'] as const) : (['plain', 'part'] as const)) {
        const { client, pid } = sides[side];
        const cpu0 = cpuMs(pid);
        const t0 = performance.now();
        await c.run(client, side);
        times[side].push({ wall: performance.now() - t0, cpu: cpuMs(pid) - cpu0 });
      }
    }
    const per = c.per ?? 1;
    const summary = (side: Side): Timing => ({ wall: median(times[side].map((t) => t.wall)) / per, cpu: median(times[side].map((t) => t.cpu)) / per });
    const row: Row = { c, plain: summary('plain'), part: summary('part'), load: (l0 + loadavg()[0]) / 2 };
    loads.push(row.load);
    if (c.explain && process.env.BENCH_EXPLAIN !== '0') {
      row.plan = { plain: await explain(c, 'plain'), part: await explain(c, 'part') };
    }
    rows.push(row);
    log(
      `${c.group} | ${c.name}: plain ${row.plain.wall.toFixed(1)} ms (cpu ${row.plain.cpu.toFixed(0)}), partitioned ${row.part.wall.toFixed(1)} ms (cpu ${row.part.cpu.toFixed(0)}), ` +
        `×${(row.part.wall / row.plain.wall).toFixed(2)}; load ${row.load.toFixed(1)}`,
    );
  }

  async function explain(c: BenchCase, side: Side): Promise<PlanSummary> {
    const { rows: lines } = await sides[side].client.query(`explain (analyze, buffers) ${c.explain!.text}`, c.explain!.values);
    const text = lines.map((l) => l['QUERY PLAN'] as string);
    plans.push(`### ${c.group} | ${c.name} — ${side}\n${text.join('\n')}\n`);
    const num = (re: RegExp) => Number(re.exec(text.join('\n'))?.[1] ?? NaN);
    const top = text.find((l) => /Buffers:/.test(l)) ?? '';
    const hit = Number(/hit=(\d+)/.exec(top)?.[1] ?? 0) + Number(/read=(\d+)/.exec(top)?.[1] ?? 0);
    // Scans of a partition that ran (a pruned one is absent; "never executed" ones did not run).
    const scanned = new Set(
      text.filter((l) => !/never executed/.test(l)).flatMap((l) => [...l.matchAll(/ on (appeal(?:_event)?_[py]\d{4}(?:_\d\d)?)/g)].map((m) => m[1])),
    );
    return { planningMs: num(/Planning Time: ([\d.]+)/), executionMs: num(/Execution Time: ([\d.]+)/), buffers: hit, scanned: scanned.size };
  }

  // Retention of the oldest year: DELETE on the plain tables, DETACH + DROP PARTITION on the copy; both rolled back.
  const retention: string[] = [];
  if (process.env.BENCH_RETENTION === '1' || (process.env.BENCH_RETENTION !== '0' && !ONLY)) {
    // From the first partition holding an appeal (a data set cut short leaves the oldest ones empty).
    const {
      rows: [{ first }],
    } = await admin.query('select min(received_at) as first from public.appeal');
    const held = (p: { to: string }) => new Date(p.to) > first;
    const appealParts = (await partitionsOf(admin, SCHEMA, 'appeal')).filter(held);
    const eventParts = (await partitionsOf(admin, SCHEMA, 'appeal_event')).filter(held);
    const cut = new Date(new Date(appealParts[0].from).getTime() + (GRAIN === 'year' ? 1 : 366) * 86400_000);
    const old = (ps: typeof appealParts) => ps.filter((p) => new Date(p.to) <= cut);
    const cutAt = old(appealParts).at(-1)!.to;
    const step = async (side: Side, label: string, text: string, values: unknown[] = []) => {
      const t0 = performance.now();
      const result = await sides[side].client.query(text, values);
      const ms = performance.now() - t0;
      retention.push(
        `${side} | ${label}: ${(ms / 1000).toFixed(2)} s${result.rowCount != null && result.command === 'DELETE' ? `, ${result.rowCount} rows` : ''}`,
      );
      log(retention.at(-1)!);
      return ms;
    };
    log(`retention: appeals received before ${cutAt} (${old(appealParts).length} partitions of appeal, ${old(eventParts).length} of appeal_event)`);
    // The append-only guard of appeal_event forbids DELETE: the plain side runs as a bulk loader would (no triggers,
    // no foreign-key checks); so does the copy's one DELETE (its stray events: at after the cut, appeal before it).
    for (const side of ['plain', 'part'] as const) {
      const t0 = performance.now();
      await sides[side].client.query('begin');
      try {
        await sides[side].client.query('set local session_replication_role = replica');
        if (side === 'plain') {
          await step(side, 'delete events of the year', `delete from appeal_event where appeal_id in (select id from appeal where received_at < $1)`, [cutAt]);
          await step(side, 'delete appeals of the year', `delete from appeal where received_at < $1`, [cutAt]);
        } else {
          await step(side, 'delete stray events (appeal before the cut, event after)', `delete from appeal_event where appeal_received_at < $1 and at >= $1`, [
            cutAt,
          ]);
          await sides[side].client.query('set local session_replication_role = origin');
          const timed = async (label: string, statements: string[]) => {
            const t0 = performance.now();
            for (const text of statements) await sides[side].client.query(text);
            retention.push(`part | ${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
            log(retention.at(-1)!);
          };
          const names = (ps: typeof appealParts) => old(ps).map((p) => pg.escapeIdentifier(p.name));
          await timed(
            `detach ${names(eventParts).length} appeal_event partitions`,
            names(eventParts).map((n) => `alter table appeal_event detach partition ${n}`),
          );
          await timed(
            'drop them',
            names(eventParts).map((n) => `drop table ${n}`),
          );
          // Detaching a partition of a referenced table checks that no event still points into it.
          await timed(
            `detach ${names(appealParts).length} appeal partitions`,
            names(appealParts).map((n) => `alter table appeal detach partition ${n}`),
          );
          await timed(
            'drop them',
            names(appealParts).map((n) => `drop table ${n}`),
          );
        }
      } finally {
        await sides[side].client.query('rollback');
      }
      retention.push(`${side} | retention in all (rolled back): ${((performance.now() - t0) / 1000).toFixed(2)} s; load ${load()}`);
      log(retention.at(-1)!);
    }
  }

  const sizes: TableSize[] = [];
  for (const [schema, table] of [
    ['public', 'appeal'],
    [SCHEMA, 'appeal'],
    ['public', 'appeal_event'],
    [SCHEMA, 'appeal_event'],
  ]) {
    sizes.push(await tableSize(admin, schema, table));
  }

  const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
  const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GB`;
  const planOf = (p?: PlanSummary) => (p ? `${p.planningMs.toFixed(1)} / ${p.scanned} / ${p.buffers}` : '');
  const out: string[] = [];
  out.push(`\n## Partitioned (${GRAIN}ly, ${SCHEMA}) / plain, ${new Date().toISOString()}, ${RUNS} runs (writes ${WRITE_RUNS}), medians`);
  out.push(`load average (1 min) during the cases: ${Math.min(...loads).toFixed(1)}..${Math.max(...loads).toFixed(1)}, median ${median(loads).toFixed(1)}`);
  out.push(
    '| case | plain ms | partitioned ms | ×wall | plain cpu ms | part cpu ms | ×cpu | plan plain: planning ms / partitions / buffers | plan partitioned |',
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    out.push(
      `| ${r.c.group}: ${r.c.name} | ${fmt(r.plain.wall)} | ${fmt(r.part.wall)} | ${(r.part.wall / r.plain.wall).toFixed(2)} | ${fmt(r.plain.cpu)} | ${fmt(r.part.cpu)} | ` +
        `${r.plain.cpu > 0 ? (r.part.cpu / r.plain.cpu).toFixed(2) : '–'} | ${planOf(r.plan?.plain)} | ${planOf(r.plan?.part)} |`,
    );
  }
  out.push('', ...retention.map((l) => `- ${l}`), '');
  out.push('| table | heap (+toast) | indexes | total | partitions |', '|---|---:|---:|---:|---:|');
  for (const s of sizes) out.push(`| ${s.table} | ${gb(s.heap)} | ${gb(s.indexes)} | ${gb(s.heap + s.indexes)} | ${s.partitions || '–'} |`);
  if (buildMs) out.push(`\nbuilding the copy took ${(buildMs / 60000).toFixed(1)} min`);
  if (plans.length) {
    const file = `/tmp/partitioning-plans-${GRAIN}-${Date.now()}.md`;
    writeFileSync(file, plans.join('\n'));
    out.push(`plans (EXPLAIN ANALYZE, BUFFERS): ${file}`);
  }
  log(out.join('\n'));

  for (const side of ['plain', 'part'] as const) await sides[side].client.end();
}
