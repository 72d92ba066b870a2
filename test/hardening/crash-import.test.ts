import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { Role } from '../../core/entities/enums.js';

/**
 * Crash safety of the import: a server process killed with SIGKILL in the
 * middle of a 10,000-row importAppeals (no shutdown hook runs, open
 * transactions die with their connections), a new process on the same
 * database, the same import sent again. What each chunk transaction wrote is
 * there whole (appeal + its REGISTERED audit entry) or not at all, and the
 * repeated import fills in the rest without duplicates.
 */
const ROWS = 10_000;
const SECRET = 'test-secret-at-least-16-chars';
const PREFIX = 'crash-';
const IMPORT = 'mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created existing failed } }';

let t: TestApp;
const processes: ServerProcess[] = [];

beforeAll(async () => {
  // The in-process app only makes the database (a copy of the template) and the user; the import goes to separate processes.
  t = await startTestApp();
});
afterAll(async () => {
  for (const p of processes) await p.stop();
  await t?.stop();
});

const count = async (sql: string, params: unknown[] = []) => Number((await t.em().execute(sql, params))[0].count);

function post(url: string, token: string, body: unknown) {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

async function spawn() {
  const p = await startServerProcess({
    DATABASE_URL: t.databaseUrl,
    JWT_SECRET: SECRET,
    LOG_LEVEL: 'info',
    DEADLINE_WATCH_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
  });
  processes.push(p);
  return p;
}

describe('a server process killed during a 10,000-row import', () => {
  it('leaves whole appeals with their audit entries, and the repeated import completes them without duplicates', async () => {
    // An INTEGRATION account in SQL, its token signed with the processes' JWT_SECRET (auth re-reads the row per request).
    const { token } = await t.user(Role.INTEGRATION);
    const [{ id: yoshkarOla }] = await t.em().execute(`select id from municipality where code = 'yoshkar-ola'`);
    const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      channel: 'POS',
      externalId: `${PREFIX}${i}`,
      text: `Во дворе дома ${i % 300} по ул. Панфилова сломаны качели`,
      receivedAt,
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
    }));
    const mine = `from appeal where external_id like '${PREFIX}%'`;

    const first = await spawn();
    const pending = post(first.url, token, { query: IMPORT, variables: { input: rows } }).then(
      () => 'answered',
      () => 'connection lost',
    );
    // Kill as soon as the first chunk is committed, while later chunks are still being written.
    const deadline = Date.now() + 45_000;
    let before = 0;
    while (before === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      before = await count(`select count(*) ${mine}`);
    }
    await first.kill('SIGKILL');
    expect(await pending).toBe('connection lost');
    const afterCrash = await count(`select count(*) ${mine}`);
    expect(afterCrash).toBeGreaterThan(0);
    expect(afterCrash).toBeLessThan(ROWS);
    // Every chunk is one transaction of 1,000 appeals: the dead one left nothing half-written.
    expect(afterCrash % 1000).toBe(0);

    const second = await spawn();
    const response = await post(second.url, token, { query: IMPORT, variables: { input: rows } });
    const body = (await response.json()) as { data?: { importAppeals: { created: number; existing: number; failed: number } }; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.importAppeals).toEqual({ created: ROWS - afterCrash, existing: afterCrash, failed: 0 });

    expect(await count(`select count(*) ${mine}`)).toBe(ROWS);
    expect(await count(`select count(distinct external_id) ${mine}`)).toBe(ROWS);
    expect(await count(`select count(distinct number) ${mine}`)).toBe(ROWS);
    expect(await count(`select count(*) - count(distinct number) as count from appeal`)).toBe(0);
    // Each appeal has exactly one REGISTERED entry, and no audit entry is left without its appeal.
    expect(await count(`select count(*) ${mine} and (select count(*) from appeal_event e where e.appeal_id = appeal.id and e.type = 'REGISTERED') <> 1`)).toBe(
      0,
    );
    expect(await count(`select count(*) from appeal_event e where not exists (select 1 from appeal a where a.id = e.appeal_id)`)).toBe(0);
    expect(
      await count(`select count(*) from appeal_event e join appeal a on a.id = e.appeal_id where a.external_id like '${PREFIX}%' and e.type = 'REGISTERED'`),
    ).toBe(ROWS);
  }, 120_000);
});
