import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import type { IntakeService } from '../../core/lifecycle/intake.js';
import type { AppServices } from '../../core/app/app-services.js';
import { APPEAL_FIELDS, M, ok } from '../lifecycle/lifecycle-helpers.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { buildRegionalXlsx, XLSX_MAPPING } from '../fixtures/channels/regional-xlsx.fixture.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/channels/${name}`, import.meta.url));
const failOnce = new Set<string>(['87341702']);

/** The real intake (as `npm start` wires it), failing once for the listed ids like a database outage: records kept for a retry. */
function failingOnce(app: AppServices): IntakeService {
  const real = lifecycleIntake(app);
  return {
    register(input, actor) {
      if (failOnce.delete(input.externalId)) return Promise.reject(new Error('connection terminated unexpectedly'));
      return real.register(input, actor);
    },
  };
}

let t: TestApp;
let pos: string;
let specialist: string;
let analyst: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-11-20T12:00:00Z'), intake: failingOnce });
  pos = (await t.user(Role.INTEGRATION)).token;
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  analyst = (await t.user(Role.ANALYST)).token;
});
afterAll(() => t?.stop());

async function call(method: string, path: string, token: string | null, body?: string | Buffer, type = 'application/json') {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': type } : {}) },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
}

const sql = async <T = any>(query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as T[];

async function waitForJob(id: string, token: string) {
  for (;;) {
    const { body } = await call('GET', `/channels/imports/${id}`, token);
    if (body.status !== 'RUNNING') return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ПОС webhook', () => {
  it('takes in a batch: one appeal per good message, every bad one kept with its position and error', async () => {
    const { status, body } = await call('POST', '/channels/pos/messages', pos, fixture('pos-batch.json'));
    expect(status).toBe(200);
    const outcomes = body.results.map((r: any) => [r.position, r.outcome]);
    expect(outcomes).toEqual([
      [1, 'CREATED'],
      [2, 'CREATED'],
      [3, 'CREATED'],
      [4, 'REJECTED'],
      [5, 'REJECTED'],
      [6, 'REJECTED'],
      [7, 'REJECTED'],
      [8, 'PENDING_RETRY'],
      [9, 'CREATED'],
    ]);
    expect(body.results[3].errors).toEqual([{ field: 'text', message: expect.any(String) }]);

    const appeals = await sql(
      'select channel, external_id, status, source_status, category_id is not null as categorized from appeal where channel = ? order by external_id',
      ['POS'],
    );
    expect(appeals.map((a) => a.external_id)).toEqual(['87341562', '87341599', '87341610', '87341718']);
    expect(appeals[0]).toMatchObject({ source_status: 'На модерации', categorized: true });
    // Through the lifecycle a ПОС message is registered (and routed when its body is known) with its 10-working-day deadline.
    for (const appeal of appeals) expect(['REGISTERED', 'ASSIGNED']).toContain(appeal.status);
    const read = await ok(t, `query($id: ID!) { appeal(id: $id) { ${APPEAL_FIELDS} } }`, { id: body.results[0].appealId }, specialist);
    expect(read.deadline).toMatchObject({ rule: 'POS.answer.10wd', dueAt: expect.any(String) });
    const records = await sql(
      'select position, status, error_field, external_id, appeal_id is not null as linked, attempts from channel_record where adapter = ? order by position',
      ['pos'],
    );
    expect(records).toHaveLength(9);
    expect(records.filter((r) => r.status === 'REJECTED').map((r) => [r.position, r.error_field])).toEqual([
      [4, 'text'],
      [5, 'createdAt'],
      [6, 'coordinates.latitude'],
      [7, '(запись)'],
    ]);
    expect(records.find((r) => r.position === 8)).toMatchObject({ status: 'PENDING_RETRY', external_id: '87341702', linked: false, attempts: 1 });
  });

  it('is idempotent: re-sending the batch creates nothing new and keeps the same records', async () => {
    const before = await sql<{ n: string }>('select count(*)::int as n from appeal');
    const { body } = await call('POST', '/channels/pos/messages', pos, fixture('pos-batch.json'));
    // Only the message kept after a transient failure is taken in now.
    expect(body.results.map((r: any) => r.outcome)).toEqual([
      'UNCHANGED',
      'UNCHANGED',
      'UNCHANGED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'REJECTED',
      'CREATED',
      'UNCHANGED',
    ]);
    expect((await sql<{ n: string }>('select count(*)::int as n from appeal'))[0].n).toBe(Number(before[0].n) + 1);
    expect((await sql('select count(*)::int as n from channel_record where adapter = ?', ['pos']))[0].n).toBe(9);
    // The rejected record was tried again and is still kept, not duplicated.
    expect((await sql('select attempts from channel_record where adapter = ? and position = 4', ['pos']))[0].attempts).toBe(2);
  });

  it('takes a single message, and refuses callers who are not a channel or the ЦУР', async () => {
    const message = { id: 'single-1', text: 'Не горит фонарь у подъезда.', createdAt: '2026-11-20T10:00:00+03:00' };
    const ok = await call('POST', '/channels/pos/messages', pos, JSON.stringify(message));
    expect(ok.body.results).toEqual([expect.objectContaining({ position: 1, outcome: 'CREATED', externalId: 'single-1' })]);
    expect((await call('POST', '/channels/pos/messages', analyst, JSON.stringify(message))).status).toBe(403);
    expect((await call('POST', '/channels/pos/messages', null, JSON.stringify(message))).status).toBe(401);
    const broken = await call('POST', '/channels/pos/messages', pos, '{"id": ');
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
  });
});

describe('retry of kept records', () => {
  it('takes in a record kept after a transient failure, through GraphQL', async () => {
    failOnce.add('retry-me');
    const { body } = await call(
      'POST',
      '/channels/pos/messages',
      pos,
      JSON.stringify({ id: 'retry-me', text: 'Текст', createdAt: '2026-11-20T10:00:00+03:00' }),
    );
    expect(body.results[0]).toMatchObject({ outcome: 'PENDING_RETRY', errorCode: 'INTERNAL_SERVER_ERROR' });
    const pending = await t.gql(
      `{ channelRecords(filter: { status: [PENDING_RETRY], adapter: "pos" }) { totalCount edges { node { id externalId attempts errorMessage } } } }`,
      {},
      specialist,
    );
    const node = pending.data.channelRecords.edges.find((e: any) => e.node.externalId === 'retry-me').node;
    expect(node.errorMessage).toContain('connection terminated');
    const retried = await t.gql('mutation($ids: [ID!]!) { retryChannelRecords(ids: $ids) { recordId status appealId } }', { ids: [node.id] }, specialist);
    expect(retried.data.retryChannelRecords).toEqual([{ recordId: node.id, status: 'ACCEPTED', appealId: expect.any(String) }]);
    const [record] = await sql('select status, attempts, appeal_id from channel_record where id = ?', [node.id]);
    expect(record).toMatchObject({ status: 'ACCEPTED', attempts: 2, appeal_id: retried.data.retryChannelRecords[0].appealId });
  });

  it('hides the retry queue from roles outside the ЦУР', async () => {
    const refused = await t.gql('{ channelRecords { totalCount } }', {}, analyst);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('file imports', () => {
  it('imports a regional CSV as a job with progress, row-level results and idempotency', async () => {
    const options = encodeURIComponent(JSON.stringify({ system: 'hotline-122' }));
    const started = await call(
      'POST',
      `/channels/imports?adapter=regional-csv&fileName=hotline.csv&options=${options}`,
      specialist,
      fixture('regional-hotline.csv'),
      'text/csv',
    );
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ id: expect.any(String), adapter: 'regional-csv', fileName: 'hotline.csv' });
    expect(started.body.status).toMatch(/^(RUNNING|DONE)$/);
    const job = await waitForJob(started.body.id, specialist);
    expect(job).toMatchObject({ status: 'DONE', total: 7, processed: 7, accepted: 3, rejected: 4, pendingRetry: 0 });
    const viaGraphql = await t.gql('query($id: ID!) { importJob(id: $id) { status processed accepted rejected } }', { id: started.body.id }, specialist);
    expect(viaGraphql.data.importJob).toEqual({ status: 'DONE', processed: 7, accepted: 3, rejected: 4 });
    const rejected = await t.gql(
      'query($job: ID!) { channelRecords(filter: { jobId: $job, status: [REJECTED] }) { edges { node { position errorField raw } } } }',
      { job: started.body.id },
      specialist,
    );
    expect(rejected.data.channelRecords.edges.map((e: any) => [e.node.position, e.node.errorField])).toEqual([
      [5, 'Дата поступления'],
      [6, 'Номер'],
      [7, 'E-mail'],
      [8, '(строка)'],
    ]);
    expect(rejected.data.channelRecords.edges[0].node.raw['Номер']).toBe('ГЛ-2026-00414');
    const [appeal] = await sql('select channel, author_name, received_at from appeal where external_id = ?', ['hotline-122:ГЛ-2026-00412']);
    expect(appeal).toMatchObject({ channel: 'REGIONAL_SYSTEM', author_name: 'Кузнецова Анна Сергеевна' });

    const again = await call('POST', `/channels/imports?adapter=regional-csv&options=${options}`, specialist, fixture('regional-hotline.csv'), 'text/csv');
    expect(await waitForJob(again.body.id, specialist)).toMatchObject({ accepted: 3, rejected: 4 });
    expect((await sql('select count(*)::int as n from appeal where external_id like ?', ['hotline-122:%']))[0].n).toBe(3);
    expect((await sql('select count(*)::int as n from channel_record where adapter = ?', ['regional-csv']))[0].n).toBe(7);
  });

  it('imports an XLSX export with a column mapping', async () => {
    const options = encodeURIComponent(JSON.stringify({ system: 'kozmo-edds', channel: 'MUNICIPAL_SYSTEM', mapping: XLSX_MAPPING }));
    const started = await call(
      'POST',
      `/channels/imports?adapter=regional-xlsx&options=${options}`,
      specialist,
      await buildRegionalXlsx(),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const job = await waitForJob(started.body.id, specialist);
    expect(job).toMatchObject({ status: 'DONE', total: 5, accepted: 2, rejected: 3 });
    const appeals = await sql('select external_id, channel, fz59 from appeal where external_id like ? order by external_id', ['kozmo-edds:%']);
    expect(appeals).toEqual([
      { external_id: 'kozmo-edds:1501', channel: 'MUNICIPAL_SYSTEM', fz59: false },
      { external_id: 'kozmo-edds:1502', channel: 'MUNICIPAL_SYSTEM', fz59: true },
    ]);
  });

  it('refuses a file whose mapping does not fit before creating a job', async () => {
    const options = encodeURIComponent(JSON.stringify({ system: 'hotline-122', mapping: { text: 'Суть' } }));
    const refused = await call('POST', `/channels/imports?adapter=regional-csv&options=${options}`, specialist, fixture('regional-hotline.csv'), 'text/csv');
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', field: 'mapping.text' } } });
    const unknown = await call('POST', '/channels/imports?adapter=fax', specialist, Buffer.from('x'), 'text/plain');
    expect(unknown).toMatchObject({ status: 400, body: { error: { field: 'adapter' } } });
  });

  it('lets a channel account see its own jobs only', async () => {
    const started = await call('POST', '/channels/imports?adapter=pos', pos, fixture('pos-batch.json'));
    await waitForJob(started.body.id, pos);
    const other = (await t.user(Role.INTEGRATION)).token;
    expect((await call('GET', `/channels/imports/${started.body.id}`, other)).status).toBe(404);
    expect((await t.gql('query($id: ID!) { importJob(id: $id) { id } }', { id: started.body.id }, other)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('social-media incidents', () => {
  it('merges duplicates of one post into one incident and links incidents to the official pages', async () => {
    const orgs = await sql<{ id: string; code: string }>("select id, code from organization where code in ('adm-yoshkar-ola', 'adm-volzhsk')");
    const orgId = (code: string) => orgs.find((o) => o.code === code)!.id;
    for (const input of [
      {
        organizationId: orgId('adm-yoshkar-ola'),
        platform: 'VK',
        url: 'https://vk.com/adm_yola',
        handle: '@adm_yola',
        name: 'Администрация Йошкар-Олы',
        verified: true,
      },
      { organizationId: orgId('adm-volzhsk'), platform: 'TELEGRAM', url: 'https://t.me/adm_volzhsk', name: 'Администрация Волжска' },
    ]) {
      const created = await t.gql('mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id handle url } }', { input }, specialist);
      expect(created.errors).toBeUndefined();
    }
    const duplicate = await t.gql(
      'mutation($input: OfficialPageInput!) { createOfficialPage(input: $input) { id } }',
      { input: { organizationId: orgId('adm-volzhsk'), platform: 'VK', url: 'https://www.vk.com/adm_yola/', name: 'Копия' } },
      specialist,
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    const started = await call('POST', '/channels/imports?adapter=social', pos, fixture('social-monitoring.jsonl'), 'application/x-ndjson');
    const job = await waitForJob(started.body.id, pos);
    expect(job).toMatchObject({ status: 'DONE', total: 8, accepted: 5, merged: 1, rejected: 3 });
    const incidents = await sql('select channel, external_id from appeal where channel in (?, ?) order by external_id', ['SOCIAL_MEDIA', 'MESSENGER']);
    expect(incidents).toEqual([
      { channel: 'MESSENGER', external_id: 'max:c-88/1404' },
      { channel: 'MESSENGER', external_id: 'telegram:adm_volzhsk/512?comment=77' },
      { channel: 'SOCIAL_MEDIA', external_id: 'vk:-71234567_8812' },
    ]);
    const [merged] = await sql('select r.merged, a.external_id from channel_record r join appeal a on a.id = r.appeal_id where r.external_id = ?', [
      'vk:url:https://vk.com/wall-71234567_8812',
    ]);
    expect(merged).toEqual({ merged: true, external_id: 'vk:-71234567_8812' });
    const [first] = await sql('select times_seen, reach from social_item where item_key = ?', ['vk:-71234567_8812']);
    expect(first).toEqual({ times_seen: 2, reach: 7300 });

    const pages = await t.gql(
      '{ officialPages { totalCount edges { node { name platform handle organization { code } incidents { totalCount edges { node { externalId channel } } } } } } }',
      {},
      specialist,
    );
    const byName = Object.fromEntries(pages.data.officialPages.edges.map((e: any) => [e.node.name, e.node]));
    expect(byName['Администрация Йошкар-Олы']).toMatchObject({
      handle: 'adm_yola',
      organization: { code: 'adm-yoshkar-ola' },
      incidents: { totalCount: 1, edges: [{ node: { externalId: 'vk:-71234567_8812', channel: 'SOCIAL_MEDIA' } }] },
    });
    // A comment in the body's Telegram channel is linked by its address.
    expect(byName['Администрация Волжска'].incidents.edges.map((e: any) => e.node.externalId)).toEqual(['telegram:adm_volzhsk/512?comment=77']);
    // An operator of another body sees the page but not incidents outside its scope.
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'min-health' })).token;
    const scoped = await t.gql('{ officialPages { edges { node { incidents { totalCount } } } } }', {}, operator);
    expect(scoped.data.officialPages.edges.every((e: any) => e.node.incidents.totalCount === 0)).toBe(true);
  });
});

describe('letters under 59-ФЗ', () => {
  const mutation =
    'mutation($input: LetterInput!) { registerLetter(input: $input) { created channelRecordId appeal { id channel fz59 externalId receivedAt } } }';
  const letter = {
    kind: 'LETTER',
    sourceId: '80082698123456',
    receivedAt: '2026-11-18T10:00:00+03:00',
    text: 'Прошу разобраться с начислениями за капремонт в доме по ул. Пушкина, 1.',
    author: { name: 'Белова Татьяна Константиновна', postalAddress: '424000, г. Йошкар-Ола, ул. Пушкина, 1, кв. 5' },
    attachments: [{ url: 'https://cur.example.ru/scans/2026/11/18/0042.pdf', name: 'скан.pdf' }],
  };

  it('registers a scanned letter once, as a 59-ФЗ appeal of the written channel', async () => {
    const first = await t.gql(mutation, { input: letter }, specialist);
    expect(first.errors).toBeUndefined();
    expect(first.data.registerLetter).toMatchObject({
      created: true,
      appeal: { channel: 'WRITTEN', fz59: true, externalId: 'letter:80082698123456', receivedAt: '2026-11-18T07:00:00.000Z' },
    });
    const [stored] = await sql('select author_address from appeal where id = ?', [first.data.registerLetter.appeal.id]);
    expect(stored.author_address).toBe('424000, г. Йошкар-Ола, ул. Пушкина, 1, кв. 5');
    const second = await t.gql(mutation, { input: letter }, specialist);
    expect(second.data.registerLetter).toMatchObject({ created: false, appeal: { id: first.data.registerLetter.appeal.id } });
  });

  it("leaves the letter NEW with its 3-day registration term, which the specialist's registration replaces by the 30-day answer term", async () => {
    // ч. 2 ст. 8 59-ФЗ: registered within 3 days of receipt; ч. 1 ст. 12: answered within 30 days of registration.
    const { appeal } = await ok(
      t,
      `mutation($input: LetterInput!) { registerLetter(input: $input) { appeal { ${APPEAL_FIELDS} } } }`,
      { input: { ...letter, sourceId: 'term-1' } },
      specialist,
    );
    expect(appeal).toMatchObject({ status: 'NEW', fz59: true, deadline: { rule: '59-FZ.registration.3d', dueAt: expect.any(String) } });
    expect(appeal.allowedActions).toContain('REGISTER');
    const registered = await ok(t, M.registerReceived, { id: appeal.id, v: appeal.version }, specialist);
    // Registration routes the letter when its body is known.
    expect(['REGISTERED', 'ASSIGNED']).toContain(registered.status);
    expect(registered.registeredAt).toBe(t.clock.now().toISOString());
    expect(registered.deadline.rule).toBe('59-FZ.answer.30d');
    expect(new Date(registered.deadline.dueAt).getTime()).toBeGreaterThan(new Date(appeal.deadline.dueAt).getTime());
  });

  it("names the field at fault, and is for the ЦУР's specialists only", async () => {
    const bad = await t.gql(mutation, { input: { ...letter, sourceId: 'other', receivedAt: '2026-12-30T10:00:00+03:00' } }, specialist);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedAt' });
    const refused = await t.gql(mutation, { input: letter }, pos);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('without a wired intake', () => {
  it('has no endpoint that would take records in', async () => {
    const bare = await startTestApp();
    try {
      const { token } = await bare.user(Role.INTEGRATION);
      const webhook = await fetch(`${bare.url}/channels/pos/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(webhook.status).toBe(404);
      const imports = await fetch(`${bare.url}/channels/imports?adapter=pos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '[]' });
      expect(imports.status).toBe(404);
      const letter = await bare.gql(
        'mutation { registerLetter(input: { kind: "LETTER", sourceId: "1", receivedAt: "2026-11-18T10:00:00+03:00", text: "x" }) { created } }',
        {},
        token,
      );
      expect(letter.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const open311 = await fetch(`${bare.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'service_code=roads.potholes',
      });
      expect(open311.status).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});
