/**
 * Intake figures: importAppeals of 10,000 rows over HTTP (rows per second),
 * and 50 concurrent registerAppeal calls with one (channel, externalId)
 * (appeals created: must be 1). Runs the real server on a scratch database:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import-appeals.bench.ts
 * Without DATABASE_URL an embedded PostgreSQL is started in a temporary folder.
 * BENCH_IMPORT_DATABASE_URL: import into that kept database instead (e.g.
 * cur_bench_10m of bench/scale/generate-appeals.ts: does the import slow down
 * as the tables grow?); the rows get external ids `import-<run>-N` and are
 * deleted again at the end, with their audit trail.
 * BENCH_IMPORT_VARIANTS=1 then prints what the database spends on the same
 * rows' write under variants (random ids, without the GIN indexes, larger
 * GIN pending lists; bench/support/insert-variants.ts). Needs a superuser.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { createScratchDatabase } from '../core/db/scratch-database.js';
import { Role } from '../core/entities/enums.js';
import { allPlugins } from '../plugins/index.js';
import { copyImportedAside, measureInsertVariants } from './support/insert-variants.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const CONCURRENT = 50;

interface Labelled {
  text: string;
  category: string | null;
  municipality: string | null;
}
const labelled: Labelled[] = ['labelled-appeals-1.json', 'labelled-appeals-2.json'].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as Labelled[],
);

const RUN = Date.now().toString(36);
const into = process.env.BENCH_IMPORT_DATABASE_URL;
const scratchDir = process.env.DATABASE_URL || into ? null : mkdtempSync(join(tmpdir(), 'cur-bench-'));
const database = into ? null : process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'cur_bench') : null;
const config = loadConfig({
  PORT: '0',
  DEMO: '0',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-at-least-16-chars',
  // No analytics rollup job: on a kept database its first build would run during the import.
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
  // Nor the deadline watch and the notices' deliveries: the imported rows (some 20 days old) gave the
  // watch work whose CPU counted as the import's; with several processes they run in the others.
  DEADLINE_WATCH_INTERVAL_SECONDS: '0',
  NOTIFY_DELIVERY_INTERVAL_SECONDS: '0',
  ...(into ? { DATABASE_URL: into } : database ? { DATABASE_URL: database.url } : { DATA_DIR: scratchDir! }),
});
const running = await startApp({ config, plugins: allPlugins, logger: createLogger('silent') });
try {
  const em = running.app.orm.em.fork();
  const [user] = await em.execute(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    values (gen_random_uuid(), 'bench@local', '!', 'Bench', 'INTEGRATION', '{}', (select id from organization where code = 'cur'))
    on conflict (email) do update set role = excluded.role returning id`);
  const [before] = await em.execute(`select count(*)::int as n from appeal`);
  const token = running.app.tokens.issue({ id: user.id, role: Role.INTEGRATION, organizationId: null, sectors: [] }, new Date());
  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };

  const now = Date.now();
  const channels = ['POS', 'REGIONAL_SYSTEM', 'EMAIL', 'SOCIAL_MEDIA', 'WRITTEN', 'MUNICIPAL_SYSTEM'];
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const sample = labelled[i % labelled.length]!;
    return {
      channel: channels[i % channels.length],
      externalId: `import-${RUN}-${i}`,
      text: sample.text,
      receivedAt: new Date(now - (i % 20) * 86_400_000 - i * 1000).toISOString(),
      // Half come classified by the channel, half are left to structuring.
      category: i % 2 === 0 ? sample.category : null,
      author: { name: `Автор ${i}`, email: `author${i % 3000}@example.ru`, phone: `+7912${String(i % 5000).padStart(7, '0')}` },
      address: `г. Йошкар-Ола, ул. Панфилова, д. ${i % 200}`,
    };
  });
  const IMPORT = 'mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created existing failed } }';
  const server = await em.execute(`select current_setting('shared_buffers') as buffers, current_setting('max_wal_size') as wal,
    current_setting('wal_compression') as compression, pg_current_wal_lsn()::text as lsn`);
  const backendsBefore = await backendCpu(em);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await gql(IMPORT, { input: rows });
  const seconds = (performance.now() - started) / 1000;
  const apiCpu = process.cpuUsage(cpuBefore);
  const backendsAfter = await backendCpu(em);
  const [{ wal }] = await em.execute(`select pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::float8 as wal`, [server[0].lsn]);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const apiMs = (apiCpu.user + apiCpu.system) / 1000;
  const pgMs = [...backendsAfter].reduce((sum, [pid, ms]) => sum + ms - (backendsBefore.get(pid) ?? 0), 0);
  console.log(
    `importAppeals into ${before.n} appeals: ${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s (load ${loadavg()[0]!.toFixed(1)})`,
    result.data.importAppeals,
  );
  // CPU per row, which the machine's load does not inflate as it does the wall time: what a dedicated core each would give.
  console.log(
    `  CPU per row: API ${((apiMs / ROWS) * 1000).toFixed(0)} µs, PostgreSQL ${((pgMs / ROWS) * 1000).toFixed(0)} µs` +
      ` (rows/s with a core each: ${Math.round(ROWS / (Math.max(apiMs, pgMs) / 1000))}; on one core: ${Math.round(ROWS / ((apiMs + pgMs) / 1000))})`,
  );
  // The WAL the import wrote (all sessions of the server; an index page first touched after a checkpoint costs a full 8 kB image).
  const { buffers, wal: walMax, compression } = server[0];
  console.log(`  WAL: ${(wal / ROWS / 1024).toFixed(1)} kB per row (shared_buffers ${buffers}, max_wal_size ${walMax}, wal_compression ${compression})`);

  const REGISTER = 'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { id } } }';
  const input = {
    channel: 'POS',
    externalId: `import-${RUN}-duplicate`,
    text: 'Нет горячей воды',
    receivedAt: new Date().toISOString(),
    category: 'housing.water-supply',
  };
  const results = await Promise.all(Array.from({ length: CONCURRENT }, () => gql(REGISTER, { input })));
  const errors = results.filter((r) => r.errors).length;
  const [{ count }] = await em.execute(`select count(*)::int as count from appeal where external_id = ?`, [input.externalId]);
  const ids = new Set(results.filter((r) => !r.errors).map((r) => r.data.registerAppeal.appeal.id));
  console.log(
    `${CONCURRENT} concurrent duplicates: ${count} appeal(s) created, ${results.filter((r) => r.data?.registerAppeal.created === false).length} answered created:false, ${ids.size} distinct id(s), ${errors} error(s)`,
  );
  // BENCH_IMPORT_VARIANTS=1: the database's cost of the same rows' write under variants (bench/support/insert-variants.ts).
  const aside = process.env.BENCH_IMPORT_VARIANTS
    ? await copyImportedAside(into ?? database?.url ?? running.app.config.DATABASE_URL!, `import-${RUN}-%`)
    : null;
  if (into || aside) await removeImported(em, `import-${RUN}-%`);
  if (aside) await measureInsertVariants(aside, Number(process.env.BENCH_IMPORT_VARIANT_ROUNDS ?? 2));
} finally {
  await running.stop();
  await database?.drop();
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
}

/**
 * CPU milliseconds so far of each PostgreSQL backend serving this process
 * (its connections' ports, from /proc: the server runs on this machine;
 * other sessions on a shared database are left out).
 */
async function backendCpu(em: ReturnType<typeof running.app.orm.em.fork>): Promise<Map<number, number>> {
  const rows: { pid: number; port: number }[] = await em.execute(`select pid, client_port as port from pg_stat_activity where datname = current_database()`);
  const ports = await ownPorts();
  const ticks = 100; // USER_HZ
  const cpu = new Map<number, number>();
  for (const { pid } of rows.filter((row) => ports.has(row.port))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) / ticks) * 1000);
  }
  return cpu;
}

/** The local TCP ports of this process's sockets. */
async function ownPorts(): Promise<Set<number>> {
  const inodes = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const link = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const socket = /^socket:\[(\d+)\]$/.exec(link);
    if (socket) inodes.add(socket[1]!);
  }
  const ports = new Set<number>();
  for (const file of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && inodes.has(fields[9]!)) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/**
 * Deletes this run's appeals from a kept database, with the rows that refer
 * to them. Triggers are off for the transaction (`session_replication_role`:
 * the audit trail is append-only, and the set-null action on `repeat_of_id`,
 * which has no index, would scan `appeal` once per deleted row), so each
 * referencing table is cleared here and the analytics marks written by hand.
 */
async function removeImported(em: ReturnType<typeof running.app.orm.em.fork>, pattern: string): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(`set local session_replication_role = replica`);
    await tx.execute(`create temporary table imported on commit drop as select id, received_at from appeal where external_id like ?`, [pattern]);
    const refs: { tbl: string; col: string; action: string }[] =
      await tx.execute(`select conrelid::regclass::text as tbl, a.attname as col, confdeltype as action
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'appeal'::regclass and c.conrelid <> 'appeal'::regclass`);
    for (const { tbl, col, action } of refs) {
      const target = `${tbl} where ${col} in (select id from imported)`;
      await tx.execute(action === 'n' ? `update ${tbl} set ${col} = null where ${col} in (select id from imported)` : `delete from ${target}`);
    }
    const [{ n }] = await tx.execute(`with gone as (delete from appeal where id in (select id from imported) returning 1) select count(*)::int as n from gone`);
    await tx.execute(`insert into analytics_dirty (day) select distinct (received_at at time zone 'UTC')::date from imported`);
    console.log(`removed the ${n} imported appeals again`);
  });
}
