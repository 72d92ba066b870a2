import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { commitEvent, insertAppeal } from '../support/live-fixtures.js';
import { createScratchDatabase } from '../../core/db/scratch-database.js';
import { Appeal } from '../../core/entities/appeal.entity.js';
import { Role } from '../../core/entities/enums.js';
import { runAppealTransaction } from '../../core/events/appeal-transaction.js';
import { freePort } from '../../core/db/embedded-postgres.js';
import { REPLICA_PROBE_MS } from '../../core/db/read-routing.js';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * DATABASE_READ_URL without a replica: it names a second database (a copy of
 * the template holding other rows), so a read answers from whichever served it.
 */
let t: TestApp;
let stand: TestApp;
let replica: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  replica = await createScratchDatabase(inject('dbServerUrl'), 'cur_test_read', inject('dbTemplate'));
  // The stand-in replica's rows are written by an app of its own (no read URL), then read by `t` through DATABASE_READ_URL.
  stand = await startTestApp({ databaseUrl: replica.url });
  t = await startTestApp({ env: { DATABASE_READ_URL: replica.url } });
});
afterAll(async () => {
  await t?.stop();
  await stand?.stop();
  await replica?.drop();
});

const PAGE = `{ appeals(first: 50) { edges { node { id } } } }`;
const pageIds = async (token: string) => {
  const response = await t.gql<{ appeals: { edges: { node: { id: string } }[] } }>(PAGE, {}, token);
  expect(response.errors).toBeUndefined();
  return response.data!.appeals.edges.map((e) => e.node.id);
};

describe('read routing (DATABASE_READ_URL)', () => {
  it('reads pages of appeals and analytics from the read database, single appeals and writes from the primary', async () => {
    const onPrimary = await insertAppeal(t, { sector: 'housing' });
    const onReplica = await insertAppeal(stand, { sector: 'housing' });
    await insertAppeal(stand, { sector: 'roads' });
    const { token } = await t.user(Role.CURATOR);
    const ids = await pageIds(token);
    expect(ids).toContain(onReplica);
    expect(ids).not.toContain(onPrimary);
    // Not a routed call site: `appeal(id)` reads the primary.
    const one = await t.gql(`query ($id: ID!) { appeal(id: $id) { id } }`, { id: onPrimary }, token);
    expect(one.data.appeal).toEqual({ id: onPrimary });
    const missing = await t.gql(`query ($id: ID!) { appeal(id: $id) { id } }`, { id: onReplica }, token);
    expect(missing.data?.appeal ?? null).toBeNull();
    // Analytics: counts of the read database.
    const [{ primary }] = await t.em().execute('select count(*)::int as primary from appeal');
    const [{ read }] = await stand.em().execute('select count(*)::int as read from appeal');
    const stats = await t.gql(`{ stats(groupBy: []) { count } }`, {}, token);
    expect(stats.errors).toBeUndefined();
    expect(stats.data.stats[0].count).toBe(read);
    expect(read).not.toBe(primary);
  });

  it("sends a user's reads to the primary after that user's own write (read your writes), the others' still to the replica", async () => {
    const writer = await t.user(Role.CURATOR);
    const other = await t.user(Role.CURATOR);
    const appealId = await insertAppeal(t, { sector: 'waste' });
    expect(await pageIds(writer.token)).not.toContain(appealId);
    const [user] = await t.em().execute('select * from app_user where id = ?', [writer.id]);
    await runAppealTransaction(
      t.running.app,
      t.em() as EntityManager,
      { user: { id: user.id, role: user.role, organizationId: null, sectors: [] } } as never,
      async (tx) => {
        const appeal = await tx.em.findOneOrFail(Appeal, appealId);
        tx.record({ appeal, type: 'STRUCTURED' });
      },
    );
    expect(await pageIds(writer.token)).toContain(appealId);
    expect(await pageIds(other.token)).not.toContain(appealId);
    // A write by a non-user actor (a channel) marks nobody.
    await commitEvent(t.running.app, appealId, 'PAUSED');
    expect(await pageIds(other.token)).not.toContain(appealId);
  });

  it("sends the author's reads to the primary after registerAppeal through the API (the single-statement write)", async () => {
    const writer = await t.user(Role.CENTER_SPECIALIST);
    const other = await t.user(Role.CENTER_SPECIALIST);
    const input = {
      channel: 'POS',
      externalId: `read-routing-${Date.now()}`,
      receivedAt: new Date().toISOString(),
      category: 'housing.heating',
      text: 'Нет отопления в квартире 12, дом 5 по ул. Мира',
    };
    const registered = await t.gql(`mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { appeal { id } } }`, { input }, writer.token);
    expect(registered.errors).toBeUndefined();
    const id = registered.data.registerAppeal.appeal.id;
    expect(await pageIds(writer.token)).toContain(id);
    expect(await pageIds(other.token)).not.toContain(id);
  });
});

describe('a read replica that does not answer', () => {
  const page = async (app: TestApp, token: string) => {
    const response = await app.gql<{ appeals: { edges: { node: { id: string } }[] } }>(PAGE, {}, token);
    return { errors: response.errors, ids: response.data?.appeals.edges.map((e) => e.node.id) ?? [] };
  };

  it('is not used from the start: reads go to the primary', async () => {
    const down = await startTestApp({ env: { DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nothing` } });
    try {
      const onPrimary = await insertAppeal(down, { sector: 'housing' });
      const { token } = await down.user(Role.CURATOR);
      const answer = await page(down, token);
      expect(answer.errors).toBeUndefined();
      expect(answer.ids).toContain(onPrimary);
    } finally {
      await down.stop();
    }
  });

  it('stops being used once it goes away, within a probe interval', async () => {
    const lost = await createScratchDatabase(inject('dbServerUrl'), 'cur_test_read_lost', inject('dbTemplate'));
    const app = await startTestApp({ env: { DATABASE_READ_URL: lost.url } });
    try {
      const onPrimary = await insertAppeal(app, { sector: 'housing' });
      const { token } = await app.user(Role.CURATOR);
      expect((await page(app, token)).ids).not.toContain(onPrimary);
      await lost.drop();
      await new Promise((resolve) => setTimeout(resolve, REPLICA_PROBE_MS * 2.5));
      const answer = await page(app, token);
      expect(answer.errors).toBeUndefined();
      expect(answer.ids).toContain(onPrimary);
    } finally {
      await app.stop();
      await lost.drop();
    }
  });
});
