import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { idOf, ok, REGISTER, M, ext } from '../lifecycle/lifecycle-helpers.js';

/**
 * 200 HTTP clients changing the same 5 appeals at once with optimistic
 * locking (expectedVersion): each reads the version and state, then pauses
 * the appeal if it runs or resumes it if paused. Only one change per version
 * may win; the rest get CONFLICT. Nothing may answer 5xx, deadlock or leave a
 * transaction open, and every accepted change is in the audit trail once.
 */
const CLIENTS = 200;
const APPEALS = 5;
const ACCEPTED_CODES = new Set(['CONFLICT']);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.stop());

const READ = 'query($id: ID!) { appeal(id: $id) { version deadline { paused } } }';

async function post(body: unknown, token: string) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('200 clients changing 5 appeals at once', () => {
  it('accepts one change per version, refuses the rest with CONFLICT, and audits each accepted change once', async () => {
    const integration = (await t.user(Role.INTEGRATION)).token;
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token;
    const municipalityId = await idOf(t, 'municipality', 'yoshkar-ola');
    const ids: string[] = [];
    for (let i = 0; i < APPEALS; i++) {
      const { appeal } = await ok<{ appeal: { id: string; version: number } }>(
        t,
        REGISTER,
        {
          input: {
            channel: 'POS',
            externalId: ext('race'),
            text: 'Во дворе сломаны качели',
            receivedAt: new Date().toISOString(),
            category: 'housing.yard-improvement',
            municipalityId,
          },
        },
        integration,
      );
      const started = await ok<{ status: string; version: number }>(t, M.start, { id: appeal.id, v: appeal.version }, operator);
      expect(started.status).toBe('IN_PROGRESS');
      ids.push(appeal.id);
    }
    const versionsOf = async () =>
      new Map(
        (await t.em().execute(`select id, version from appeal where id in (${ids.map(() => '?').join(',')})`, ids)).map((r: any) => [
          r.id as string,
          Number(r.version),
        ]),
      );
    const eventsOf = async () =>
      new Map(
        (
          await t
            .em()
            .execute(
              `select appeal_id, count(*)::int as n from appeal_event where appeal_id in (${ids.map(() => '?').join(',')}) and type in ('PAUSED', 'RESUMED') group by appeal_id`,
              ids,
            )
        ).map((r: any) => [r.appeal_id as string, Number(r.n)]),
      );
    const initial = await versionsOf();
    expect((await eventsOf()).size).toBe(0);

    const outcomes = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const id = ids[i % APPEALS]!;
        const read = await post({ query: READ, variables: { id } }, operator);
        expect(read.status).toBe(200);
        const { version, deadline } = read.body.data.appeal;
        const change = deadline.paused
          ? { query: M.resume, variables: { id, v: version } }
          : { query: M.pause, variables: { id, v: version, reason: 'Запрошено уточнение у автора' } };
        const result = await post(change, operator);
        return { id, ...result };
      }),
    );

    expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
    const refused = outcomes.filter((o) => o.body.errors);
    const unexpected = refused.filter((o) => !ACCEPTED_CODES.has(String(o.body.errors![0]!.extensions?.code)));
    expect(
      unexpected.map((o) => o.body.errors),
      'only CONFLICT is an acceptable refusal',
    ).toEqual([]);
    const accepted = outcomes.filter((o) => !o.body.errors && o.body.data);
    expect(accepted.length + refused.length).toBe(CLIENTS);
    // Each appeal changed at least once (the first to come wins), and not every client won.
    expect(new Set(accepted.map((o) => o.id)).size).toBe(APPEALS);
    expect(refused.length).toBeGreaterThan(0);

    const finalVersions = await versionsOf();
    const events = await eventsOf();
    for (const id of ids) {
      const acceptedHere = accepted.filter((o) => o.id === id);
      expect(events.get(id) ?? 0, `audit entries of ${id}`).toBe(acceptedHere.length);
      expect(finalVersions.get(id)).toBe(initial.get(id)! + acceptedHere.length);
      // The accepted changes got distinct, consecutive versions: none was applied over another.
      const versions = acceptedHere.map((o) => Object.values(o.body.data as Record<string, { version: number }>)[0]!.version).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: acceptedHere.length }, (_, k) => initial.get(id)! + k + 1));
    }

    const [{ hanging }] = await t
      .em()
      .execute(`select count(*)::int as hanging from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
    expect(hanging).toBe(0);
    const [{ deadlocks }] = await t.em().execute(`select deadlocks::int as deadlocks from pg_stat_database where datname = current_database()`);
    expect(deadlocks).toBe(0);
  }, 60_000);
});
