import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { lifecycleIntake } from '../../core/lifecycle/lifecycle-intake.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { ext } from '../lifecycle/lifecycle-helpers.js';

/** Issue 14, item 6: a NUL byte or a lone surrogate costs its own row, never the batch, and never a 500. */
let t: TestApp;
let pos: string;
let specialist: string;

beforeAll(async () => {
  t = await startTestApp({ clock: new ManualClock('2026-11-20T12:00:00Z'), intake: lifecycleIntake });
  pos = (await t.user(Role.INTEGRATION)).token;
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

async function call(method: string, path: string, token: string, body?: string | Buffer, type = 'application/json') {
  const response = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) }, body });
  return { status: response.status, body: (await response.json()) as any };
}

const sql = async (query: string, params: unknown[] = []) => (await t.em().getConnection().execute(query, params)) as any[];
const received = '2026-11-20T10:00:00+03:00';

describe('GraphQL', () => {
  it('refuses a NUL or a lone surrogate with BAD_USER_INPUT naming the field', async () => {
    const Q = 'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created } }';
    const nul = await t.gql(Q, { input: { channel: 'POS', externalId: ext(), text: 'Нет\u0000света', receivedAt: received } }, pos);
    expect(nul.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const surrogate = await t.gql(
      Q,
      { input: { channel: 'POS', externalId: ext(), text: 'Нет света', receivedAt: received, author: { name: 'Ив\ud800ан' } } },
      pos,
    );
    expect(surrogate.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.author.name' });
    const inDetails = await t.gql(Q, { input: { channel: 'POS', externalId: ext(), text: 'Нет света', receivedAt: received, raw: { note: 'a\u0000b' } } }, pos);
    expect(inDetails.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.raw.note' });
  });

  it('refuses such a row of importAppeals alone and keeps the others', async () => {
    const rows = [
      { channel: 'POS', externalId: ext('imp'), text: 'Первое обращение', receivedAt: received },
      { channel: 'POS', externalId: ext('imp'), text: 'Второе\u0000обращение', receivedAt: received },
      { channel: 'POS', externalId: ext('imp'), text: 'Третье обращение', receivedAt: received, author: { name: '\udc00' } },
      { channel: 'POS', externalId: ext('imp'), text: 'Четвёртое обращение', receivedAt: received },
    ];
    const r = await t.gql(
      'mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created failed results { index status error { code field } } } }',
      { input: rows },
      pos,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.importAppeals).toMatchObject({ created: 2, failed: 2 });
    expect(r.data.importAppeals.results.map((x: any) => [x.status, x.error?.code ?? null, x.error?.field ?? null])).toEqual([
      ['CREATED', null, null],
      ['ERROR', 'BAD_USER_INPUT', 'text'],
      ['ERROR', 'BAD_USER_INPUT', 'author.name'],
      ['CREATED', null, null],
    ]);
  });
});

describe('channels', () => {
  it('keeps every other message of a ПОС webhook batch', async () => {
    const batch = JSON.stringify({
      messages: [
        { id: 'nul-1', text: 'Не горит фонарь у подъезда.', createdAt: received },
        { id: 'nul-2', text: 'Яма\u0000на дороге', createdAt: received },
        { id: 'nul-3', text: 'Мусор не вывозят', createdAt: received, address: 'ул. \ud800Мира' },
        { id: 'nul-4', text: 'Нет воды в доме', createdAt: received },
      ],
    });
    const { status, body } = await call('POST', '/channels/pos/messages', pos, batch);
    expect(status).toBe(200);
    expect(body.results.map((r: any) => [r.position, r.outcome])).toEqual([
      [1, 'CREATED'],
      [2, 'REJECTED'],
      [3, 'REJECTED'],
      [4, 'CREATED'],
    ]);
    expect(body.results[1]).toMatchObject({ errorCode: 'BAD_USER_INPUT', errors: [{ field: 'text' }] });
    expect(body.results[2]).toMatchObject({ errorCode: 'BAD_USER_INPUT', errors: [{ field: 'address' }] });
    const kept = await sql(
      `select external_id, status, raw::text as raw from channel_record where adapter = 'pos' and external_id like 'nul-%' order by external_id`,
    );
    expect(kept.map((r) => [r.external_id, r.status])).toEqual([
      ['nul-1', 'ACCEPTED'],
      ['nul-2', 'REJECTED'],
      ['nul-3', 'REJECTED'],
      ['nul-4', 'ACCEPTED'],
    ]);
  });

  it('keeps every other row of a CSV import, and the job finishes', async () => {
    const csv = [
      'Номер;Дата поступления;Текст обращения;Адрес;Заявитель;Телефон;E-mail;Муниципальное образование;Тематика;Статус',
      'ГЛ-NUL-1;18.11.2026 09:12;Во дворе разбита детская площадка;г. Йошкар-Ола, ул. Панфилова, 14;Кузнецова Анна;;;Йошкар-Ола;Благоустройство дворовой территории;Зарегистрировано',
      'ГЛ-NUL-2;18.11.2026 09:13;Текст с \u0000 внутри;г. Йошкар-Ола;Иванов Иван;;;Йошкар-Ола;Благоустройство дворовой территории;Зарегистрировано',
      'ГЛ-NUL-3;18.11.2026 09:14;Не вывозят мусор;г. Йошкар-Ола;Петров Пётр;;;Йошкар-Ола;Благоустройство дворовой территории;Зарегистрировано',
    ].join('\n');
    const options = encodeURIComponent(JSON.stringify({ system: 'hotline-nul' }));
    const started = await call('POST', `/channels/imports?adapter=regional-csv&options=${options}`, specialist, Buffer.from(csv), 'text/csv');
    expect(started.status).toBe(202);
    let job: any;
    for (;;) {
      job = (await call('GET', `/channels/imports/${started.body.id}`, specialist)).body;
      if (job.status !== 'RUNNING') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(job).toMatchObject({ status: 'DONE', total: 3, accepted: 2, rejected: 1, error: null });
    const [rejected] = await sql(
      `select error_code, error_field, raw::text as raw from channel_record where adapter = 'regional-csv' and status = 'REJECTED' and job_id = ?`,
      [started.body.id],
    );
    expect(rejected).toMatchObject({ error_code: 'BAD_USER_INPUT', error_field: 'Текст обращения' });
    expect(rejected.raw).not.toContain('\\u0000');
  });
});
