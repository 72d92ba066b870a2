import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { eventually, liveClient, type LiveClient } from '../support/live-client.js';
import { commitEvent, idOf, insertAppeal } from '../support/live-fixtures.js';
import { AppealStatus, Role } from '../../core/entities/enums.js';

let t: TestApp;
const clients: LiveClient[] = [];
const statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ onQuery: (sql) => statements.push(sql) });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

const EVENTS = `subscription Events($filter: AppealEventFilter) {
  appealEvents(filter: $filter) {
    id type fromStatus toStatus data
    actor { kind label }
    appeal { id status sector { code } organization { code } author { name email masked } }
  }
}`;

async function connect(role: Role, options: { organizationCode?: string; sectors?: string[] } = {}) {
  const { token } = await t.user(role, options);
  const client = liveClient(t.url, token);
  clients.push(client);
  return client;
}

/** Subscribes and waits until the server has registered it, so that no event is missed by timing. */
async function subscribe(client: LiveClient, query = EVENTS, variables?: Record<string, unknown>) {
  const before = t.running.app.live.subscriberCount;
  const stream = client.subscribe(query, variables);
  await eventually(() => t.running.app.live.subscriberCount > before || stream.results.length > 0, 'the subscription to register');
  return stream;
}

describe('appealEvents: connection', () => {
  it('closes a socket without a valid token with the protocol code 4403', async () => {
    for (const params of [{}, { authorization: 'Bearer not-a-token' }, { authorization: 42 }]) {
      const client = liveClient(t.url, null, params);
      clients.push(client);
      expect((await client.closed).code).toBe(4403);
    }
  });

  it('refuses integrations (FORBIDDEN) and unknown sectors in the filter (BAD_USER_INPUT, field)', async () => {
    const integration = await connect(Role.INTEGRATION);
    const refused = integration.subscribe(EVENTS);
    await refused.ended;
    expect(refused.results[0].errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const curator = await connect(Role.CURATOR);
    const bad = curator.subscribe(EVENTS, { filter: { sector: ['housing', 'nuclear'] } });
    await bad.ended;
    expect(bad.results[0].errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.sector' });
    const badId = curator.subscribe(EVENTS, { filter: { organizationId: ['x'] } });
    await badId.ended;
    expect(badId.results[0].errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.organizationId' });

    const invalid = curator.subscribe('subscription { appealEvents { nope } }');
    await invalid.ended;
    expect(invalid.results[0].errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('appealEvents: delivery after commit', () => {
  it('delivers a committed change with its appeal and actor, and never one that rolled back', async () => {
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const stream = await subscribe(await connect(Role.CURATOR));

    await expect(commitEvent(t.running.app, appealId, 'REOPENED', { fail: true })).rejects.toThrow('rolled back on purpose');
    const [committed] = await commitEvent(t.running.app, appealId, 'ASSIGNED', { toStatus: AppealStatus.ASSIGNED });

    // Events reach a subscriber in commit order: had the rolled-back one been published, it would be first.
    const [first] = await stream.waitFor(1);
    expect(first.errors).toBeUndefined();
    expect(first.data.appealEvents).toMatchObject({
      id: committed,
      type: 'ASSIGNED',
      fromStatus: 'REGISTERED',
      toStatus: 'ASSIGNED',
      actor: { kind: 'SYSTEM', label: 'test' },
      appeal: { id: appealId, status: 'ASSIGNED', sector: { code: 'housing' }, organization: { code: 'adm-yoshkar-ola' } },
    });
    const [{ count }] = await t.em().execute(`select count(*)::int as count from appeal_event where appeal_id = ? and type = 'REOPENED'`, [appealId]);
    expect(count).toBe(0);
  });

  it('resolves every event afresh: a later event of the same appeal shows the appeal as it is then', async () => {
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const stream = await subscribe(await connect(Role.CURATOR), EVENTS, { filter: { type: ['WORK_STARTED', 'STRUCTURED'] } });
    await commitEvent(t.running.app, appealId, 'WORK_STARTED', { toStatus: AppealStatus.ASSIGNED });
    await stream.waitFor(1);
    await commitEvent(t.running.app, appealId, 'STRUCTURED', { toStatus: AppealStatus.IN_PROGRESS, organizationCode: 'gzhi' });
    const [one, two] = await stream.waitFor(2);
    expect(one.data.appealEvents.appeal).toMatchObject({ status: 'ASSIGNED', organization: { code: 'adm-yoshkar-ola' } });
    expect(two.data.appealEvents.appeal).toMatchObject({ status: 'IN_PROGRESS', organization: { code: 'gzhi' } });
  });

  it('delivers a transaction of many events, past the 8,000-byte NOTIFY limit, whole and in order', async () => {
    const appealId = await insertAppeal(t, { sector: 'roads', organizationCode: 'gku-roads' });
    const stream = await subscribe(await connect(Role.CURATOR), 'subscription { appealEvents(filter: { type: [PAUSED] }) { id } }');
    const ids = await commitEvent(t.running.app, appealId, 'PAUSED', { count: 80 });
    const received = await stream.waitFor(80);
    expect(received.map((r) => r.data.appealEvents.id)).toEqual(ids);
  });
});

describe('appealEvents: many subscribers', () => {
  it('loads an event and its reference data once, however many subscribers select them (no N+1)', async () => {
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const query =
      'subscription { appealEvents(filter: { type: [RESUMED] }) { id appeal { number sector { code } organization { code } municipality { code } } } }';
    const client = await connect(Role.CURATOR);
    const streams = [];
    for (let i = 0; i < 12; i++) streams.push(await subscribe(client, query));
    statements.length = 0;
    await commitEvent(t.running.app, appealId, 'RESUMED');
    for (const stream of streams) {
      const [result] = await stream.waitFor(1);
      expect(result.data.appealEvents.appeal).toMatchObject({
        sector: { code: 'housing' },
        organization: { code: 'adm-yoshkar-ola' },
        municipality: { code: 'yoshkar-ola' },
      });
    }
    const from = (table: string) => statements.filter((sql) => new RegExp(`\\bselect .* from "${table}"( as "|$| where)`, 'i').test(sql)).length;
    // The appeal: once in the change, once for the subscribers; sectors: twice in the change (routing facts).
    // Reference rows come from the process's cache: its change counters once for all subscribers,
    // and at most one read per table if the rows were not cached yet.
    const counts = {
      events: from('appeal_event'),
      appeals: from('appeal'),
      sectors: from('sector'),
      organizations: from('organization'),
      municipalities: from('municipality'),
    };
    expect({ events: counts.events, appeals: counts.appeals }).toEqual({ events: 1, appeals: 2 });
    expect(counts.sectors).toBeGreaterThanOrEqual(2);
    expect(counts.sectors).toBeLessThanOrEqual(3);
    expect(counts.organizations).toBeLessThanOrEqual(1);
    expect(counts.municipalities).toBeLessThanOrEqual(1);
    expect(statements.filter((sql) => /from reference_version/.test(sql))).toHaveLength(1);
  });
});

describe('appealEvents: filters', () => {
  it('passes only events that match every list of the filter (any value within a list)', async () => {
    const orgX = await idOf(t, 'organization', 'adm-yoshkar-ola');
    const yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
    const housing = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola', municipalityCode: 'yoshkar-ola' });
    const waste = await insertAppeal(t, { sector: 'waste', organizationCode: 'regoperator-tko', municipalityCode: 'volzhsk' });
    const client = await connect(Role.CURATOR);
    const q = 'subscription F($filter: AppealEventFilter) { appealEvents(filter: $filter) { id } }';
    const filters = {
      sector: { sector: ['housing'] },
      organization: { organizationId: [orgX] },
      municipality: { municipalityId: [yoshkarOla] },
      status: { status: ['IN_PROGRESS'] },
      type: { type: ['ASSIGNED'] },
      combined: { sector: ['housing', 'energy'], type: ['ASSIGNED'] },
    };
    const streams: Record<string, Awaited<ReturnType<typeof subscribe>>> = {};
    for (const [name, filter] of Object.entries(filters)) streams[name] = await subscribe(client, q, { filter });

    const [e1] = await commitEvent(t.running.app, waste, 'REGISTERED', { toStatus: AppealStatus.REGISTERED });
    const [e2] = await commitEvent(t.running.app, housing, 'STRUCTURED');
    const [e3] = await commitEvent(t.running.app, waste, 'ASSIGNED', { toStatus: AppealStatus.IN_PROGRESS });
    // The last one matches every filter, so each stream is complete once it arrives.
    const [e4] = await commitEvent(t.running.app, housing, 'ASSIGNED', { toStatus: AppealStatus.IN_PROGRESS });
    const expected: Record<string, string[]> = {
      sector: [e2, e4],
      organization: [e2, e4],
      municipality: [e2, e4],
      status: [e3, e4],
      type: [e3, e4],
      combined: [e4],
    };
    for (const [name, ids] of Object.entries(expected)) {
      const stream = streams[name];
      await eventually(() => stream.results.some((r) => r.data?.appealEvents.id === e4), `${name} to receive the last event`);
      expect(
        stream.results.map((r) => r.data.appealEvents.id),
        name,
      ).toEqual(ids);
    }
    expect(e1).toBeTruthy();
  });
});

describe('appealEvents: access on every event', () => {
  it('never gives a housing observer a waste event, nor an operator another body’s', async () => {
    const housing = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    const waste = await insertAppeal(t, { sector: 'waste', organizationCode: 'regoperator-tko' });
    const hospital = await insertAppeal(t, { sector: 'health', organizationCode: 'gbu-republican-hospital' });
    const ministry = await insertAppeal(t, { sector: 'health', organizationCode: 'min-health' });
    const observer = await subscribe(await connect(Role.MINISTRY_OBSERVER, { sectors: ['housing'] }));
    const operator = await subscribe(await connect(Role.ORG_OPERATOR, { organizationCode: 'min-health' }));
    // Asking for waste does not widen the observer's scope.
    const widened = await subscribe(await connect(Role.MINISTRY_OBSERVER, { sectors: ['housing'] }), EVENTS, { filter: { sector: ['waste', 'housing'] } });

    const [w] = await commitEvent(t.running.app, waste, 'PAUSED');
    const [other] = await commitEvent(t.running.app, housing, 'PAUSED');
    const [h] = await commitEvent(t.running.app, hospital, 'PAUSED');
    const [m] = await commitEvent(t.running.app, ministry, 'PAUSED');
    const [last] = await commitEvent(t.running.app, housing, 'RESUMED');

    await observer.waitFor(2);
    await widened.waitFor(2);
    expect(observer.results.map((r) => r.data.appealEvents.id)).toEqual([other, last]);
    expect(widened.results.map((r) => r.data.appealEvents.id)).toEqual([other, last]);
    expect(observer.results.map((r) => r.data.appealEvents.id)).not.toContain(w);
    // The operator of the ministry sees its subordinate hospital's appeal and its own, nothing else.
    await operator.waitFor(2);
    expect(operator.results.map((r) => r.data.appealEvents.id)).toEqual([h, m]);
  });

  it('shows an analyst no personal data inside events, where a curator sees it', async () => {
    const appealId = await insertAppeal(t, {
      sector: 'housing',
      organizationCode: 'adm-yoshkar-ola',
      authorName: 'Иванов Иван Иванович',
      authorEmail: 'ivanov@example.ru',
    });
    const filter = { filter: { type: ['REPEAT_DETECTED'] } };
    const analyst = await subscribe(await connect(Role.ANALYST), EVENTS, filter);
    const curator = await subscribe(await connect(Role.CURATOR), EVENTS, filter);
    await commitEvent(t.running.app, appealId, 'REPEAT_DETECTED', { data: { authorEmail: 'ivanov@example.ru', note: 'звонок', author: { name: 'Иванов' } } });

    const [seenByAnalyst] = await analyst.waitFor(1);
    const [seenByCurator] = await curator.waitFor(1);
    expect(seenByAnalyst.data.appealEvents.appeal.author).toEqual({ name: 'И*** И. И.', email: null, masked: true });
    expect(seenByAnalyst.data.appealEvents.data).toEqual({ note: 'звонок', i: 0 });
    expect(JSON.stringify(seenByAnalyst)).not.toContain('ivanov');
    expect(seenByCurator.data.appealEvents.appeal.author).toEqual({ name: 'Иванов Иван Иванович', email: 'ivanov@example.ru', masked: false });
    expect(seenByCurator.data.appealEvents.data).toMatchObject({ authorEmail: 'ivanov@example.ru' });
  });

  it('gives the same actor and masking in Appeal.history over HTTP', async () => {
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    await commitEvent(t.running.app, appealId, 'SATISFACTION_LINK_ISSUED', { data: { phone: '+7 900 000-00-00', note: 'x' } });
    const { token } = await t.user(Role.ANALYST);
    const result = await t.gql('query($id: ID!) { appeal(id: $id) { history { type data actor { kind label } appeal { id } } } }', { id: appealId }, token);
    expect(result.errors).toBeUndefined();
    const entry = result.data.appeal.history.find((e: any) => e.type === 'SATISFACTION_LINK_ISSUED');
    expect(entry).toEqual({ type: 'SATISFACTION_LINK_ISSUED', data: { note: 'x', i: 0 }, actor: { kind: 'SYSTEM', label: 'test' }, appeal: { id: appealId } });
  });

  it('reads a kind an earlier version stored as its deprecated enum value, and refuses an unknown kind in a filter', async () => {
    const appealId = await insertAppeal(t, { sector: 'housing', organizationCode: 'adm-yoshkar-ola' });
    await t
      .em()
      .execute(
        `insert into appeal_event (id, appeal_id, type, at, actor_label, data) values (gen_random_uuid(), ?, 'ANSWER_REVIEWED', now(), 'import', '{"decision":"RETURN"}')`,
        [appealId],
      );
    const { token } = await t.user(Role.ANALYST);
    const read = await t.gql('query($id: ID!) { appeal(id: $id) { history { type } } }', { id: appealId }, token);
    expect(read.errors).toBeUndefined();
    expect(read.data.appeal.history.map((e: any) => e.type)).toContain('ANSWER_REVIEWED');

    const schema = await t.gql('{ __type(name: "AppealEventType") { enumValues(includeDeprecated: true) { name isDeprecated } } }', {}, token);
    const values = new Map(schema.data.__type.enumValues.map((v: any) => [v.name, v.isDeprecated]));
    expect(values.get('ANSWER_REVIEWED')).toBe(true);
    expect(values.get('ANSWER_ACCEPTED')).toBe(false);

    const refused = await t.gql('subscription { appealEvents(filter: { type: [COMMENTED] }) { id } }', {}, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toContain('COMMENTED');
  });
});
