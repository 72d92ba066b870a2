/**
 * Intake figures: importAppeals of 10,000 rows over HTTP (rows per second),
 * and 50 concurrent registerAppeal calls with one (channel, externalId)
 * (appeals created: must be 1). Runs the real server on a scratch database:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import-appeals.bench.ts
 * Without DATABASE_URL an embedded PostgreSQL is started in a temporary folder.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { createScratchDatabase } from '../core/db/scratch-database.js';
import { Role } from '../core/entities/enums.js';
import { allPlugins } from '../plugins/index.js';

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

const scratchDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'cur-bench-'));
const database = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'cur_bench') : null;
const config = loadConfig({
  PORT: '0',
  DEMO: '0',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-at-least-16-chars',
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: scratchDir! }),
});
const running = await startApp({ config, plugins: allPlugins, logger: createLogger('silent') });
try {
  const em = running.app.orm.em.fork();
  const [user] = await em.execute(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    values (gen_random_uuid(), 'bench@local', '!', 'Bench', 'INTEGRATION', '{}', (select id from organization where code = 'cur')) returning id`);
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
      externalId: `bench-${i}`,
      text: sample.text,
      receivedAt: new Date(now - (i % 20) * 86_400_000 - i * 1000).toISOString(),
      // Half come classified by the channel, half are left to structuring.
      category: i % 2 === 0 ? sample.category : null,
      author: { name: `Автор ${i}`, email: `author${i % 3000}@example.ru`, phone: `+7912${String(i % 5000).padStart(7, '0')}` },
      address: `г. Йошкар-Ола, ул. Панфилова, д. ${i % 200}`,
    };
  });
  const IMPORT = 'mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created existing failed } }';
  const started = performance.now();
  const result = await gql(IMPORT, { input: rows });
  const seconds = (performance.now() - started) / 1000;
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  console.log(`importAppeals: ${ROWS} rows in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s`, result.data.importAppeals);

  const REGISTER = 'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { id } } }';
  const input = {
    channel: 'POS',
    externalId: 'bench-duplicate',
    text: 'Нет горячей воды',
    receivedAt: new Date().toISOString(),
    category: 'housing.water-supply',
  };
  const results = await Promise.all(Array.from({ length: CONCURRENT }, () => gql(REGISTER, { input })));
  const errors = results.filter((r) => r.errors).length;
  const [{ count }] = await em.execute(`select count(*)::int as count from appeal where external_id = 'bench-duplicate'`);
  const ids = new Set(results.filter((r) => !r.errors).map((r) => r.data.registerAppeal.appeal.id));
  console.log(
    `${CONCURRENT} concurrent duplicates: ${count} appeal(s) created, ${results.filter((r) => r.data?.registerAppeal.created === false).length} answered created:false, ${ids.size} distinct id(s), ${errors} error(s)`,
  );
} finally {
  await running.stop();
  await database?.drop();
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
}
