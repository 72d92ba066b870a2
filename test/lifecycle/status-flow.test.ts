import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { ANSWER, fails, idOf, M, ok, register, staff, type Staff } from './lifecycle-helpers.js';

const HOUR = 3_600_000;
let t: TestApp;
let s: Staff;
let clock: ManualClock;
let yoshkarOla: string;
let volzhsk: string;

beforeAll(async () => {
  clock = new ManualClock('2026-03-02T10:00:00+03:00');
  t = await startTestApp({ clock, env: { JWT_TTL_SECONDS: String(10 * 365 * 86400) } });
  s = await staff(t);
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
  volzhsk = await idOf(t, 'municipality', 'volzhsk');
});
afterAll(() => t?.stop());

/** A ПОС message on yard improvement in Yoshkar-Ola: registered and routed to the city administration at once. */
async function posAppeal() {
  const { appeal } = await register(t, s.integration, {
    channel: 'POS',
    text: 'Во дворе сломаны качели',
    receivedAt: clock.now().toISOString(),
    category: 'housing.yard-improvement',
    municipalityId: yoshkarOla,
  });
  return appeal;
}

describe('the main path of a 59-ФЗ appeal', () => {
  it('goes received → registered → assigned → in work → on review → returned → answered → rated → closed, each step in the audit trail', async () => {
    const operator = await s.operator('adm-yoshkar-ola');
    const { appeal: received } = await register(t, s.integration, {
      channel: 'EMAIL',
      text: 'Прошу благоустроить двор: нет детской площадки',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
      author: { name: 'Иванов Иван', email: 'ivanov@example.ru' },
    });
    expect(received).toMatchObject({ status: 'NEW', fz59: true, organization: null, version: 1 });
    expect(received.deadline.rule).toBe('59-FZ.registration.3d');
    expect(received.number).toMatch(/^12-2026-\d{7}$/);

    clock.advance(2 * HOUR);
    const registered = await ok(t, M.registerReceived, { id: received.id, v: 1 }, s.specialist);
    expect(registered).toMatchObject({ status: 'ASSIGNED', organization: { code: 'adm-yoshkar-ola' }, version: 2 });
    expect(registered.deadline.rule).toBe('59-FZ.answer.30d');
    expect(registered.registeredAt).toBe(clock.now().toISOString());

    const started = await ok(t, M.start, { id: received.id, v: 2 }, operator);
    expect(started.status).toBe('IN_PROGRESS');
    expect(started.assignee).not.toBeNull();
    const answered = await ok(t, M.answer, { id: received.id, input: ANSWER, v: 3 }, operator);
    expect(answered.status).toBe('ON_REVIEW');
    expect(answered.answeredAt).toBeNull();

    const returned = await ok(t, M.review, { id: received.id, decision: 'RETURN', comment: 'Не указаны сроки установки', v: 4 }, s.specialist);
    expect(returned).toMatchObject({ status: 'IN_PROGRESS', reworkCount: 1 });
    clock.advance(HOUR);
    await ok(t, M.answer, { id: received.id, input: { ...ANSWER, text: 'Площадка будет установлена до 1 июня.' }, v: 5 }, operator);
    clock.advance(HOUR);
    const accepted = await ok(t, M.review, { id: received.id, decision: 'ACCEPT', v: 6 }, s.specialist);
    expect(accepted).toMatchObject({ status: 'ANSWERED', answeredAt: clock.now().toISOString() });
    expect(accepted.deadline.state).toBe('MET');

    const rated = await ok(t, M.rate, { id: received.id, score: 5 }, s.specialist);
    expect(rated).toMatchObject({ status: 'CLOSED', satisfaction: { score: 5, negative: false } });

    const full = await ok(t, M.read, { id: received.id }, s.specialist);
    expect(full.history.map((e: any) => `${e.type}:${e.fromStatus ?? '-'}>${e.toStatus}`)).toEqual([
      'RECEIVED:->NEW',
      'REGISTERED:NEW>REGISTERED',
      'ASSIGNED:REGISTERED>ASSIGNED',
      'WORK_STARTED:ASSIGNED>IN_PROGRESS',
      'ANSWER_SUBMITTED:IN_PROGRESS>ON_REVIEW',
      'ANSWER_RETURNED:ON_REVIEW>IN_PROGRESS',
      'ANSWER_SUBMITTED:IN_PROGRESS>ON_REVIEW',
      'ANSWER_ACCEPTED:ON_REVIEW>ANSWERED',
      'RATED:ANSWERED>CLOSED',
    ]);
    expect(full.history[5].reason).toBe('Не указаны сроки установки');
    expect(full.responses.map((r: any) => r.reviewDecision)).toEqual(['RETURN', 'ACCEPT']);
  });

  it('registers ПОС messages at once and routes them', async () => {
    const appeal = await posAppeal();
    expect(appeal).toMatchObject({ status: 'ASSIGNED', fz59: false, organization: { code: 'adm-yoshkar-ola' }, version: 1 });
    expect(appeal.deadline.rule).toBe('POS.answer.10wd');
  });
});

describe('the status machine', () => {
  it('answers an illegal transition with CONFLICT naming the allowed actions', async () => {
    const appeal = await posAppeal();
    const operator = await s.operator('adm-yoshkar-ola');
    const error = await fails(t, M.answer, { id: appeal.id, input: ANSWER, v: appeal.version }, operator);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', status: 'ASSIGNED', action: 'ANSWER' });
    expect(error.extensions!.allowed).toEqual(expect.arrayContaining(['START_WORK', 'REDIRECT', 'EXTEND', 'PAUSE']));
    expect(error.extensions!.allowed).not.toContain('ANSWER');
    // The channel's service account registers and does nothing else; the ЦУР and the body see their own actions.
    expect(appeal.allowedActions).toEqual([]);
    const bySpecialist = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(bySpecialist.allowedActions).toEqual(expect.arrayContaining(['ASSIGN', 'REDIRECT', 'REJECT', 'EXTEND', 'PAUSE']));
    expect(bySpecialist.allowedActions).not.toContain('START_WORK');
    const byOperator = await ok(t, M.read, { id: appeal.id }, operator);
    expect(byOperator.allowedActions).toEqual(expect.arrayContaining(['START_WORK', 'REDIRECT']));

    const closedError = await fails(t, M.registerReceived, { id: appeal.id, v: appeal.version }, s.specialist);
    expect(closedError.extensions).toMatchObject({ code: 'CONFLICT', action: 'REGISTER' });
  });

  it('refuses an action of another role with FORBIDDEN, and hides appeals of other bodies', async () => {
    const appeal = await posAppeal();
    // The ЦУР does not take appeals into work for a body.
    const forbiddenError = await t.gql(M.start, { id: appeal.id, v: appeal.version }, s.specialist);
    expect(forbiddenError.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stranger = await s.operator('adm-volzhsk');
    const hidden = await fails(t, M.start, { id: appeal.id, v: appeal.version }, stranger);
    expect(hidden.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets the operator of a parent body act on appeals of its subordinate body', async () => {
    const { appeal } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Не могу записаться к стоматологу',
      receivedAt: clock.now().toISOString(),
      category: 'health.dental',
      municipalityId: volzhsk,
    });
    expect(appeal.organization.code).toBe('gbu-volzhsk-hospital');
    const ministry = await s.operator('min-health');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, ministry);
    expect(started.status).toBe('IN_PROGRESS');
  });

  it('rejects, reopens and closes through the same table', async () => {
    const appeal = await posAppeal();
    const rejected = await ok(t, M.reject, { id: appeal.id, reason: 'Нецензурные выражения (ст. 11 59-ФЗ)', v: appeal.version }, s.specialist);
    expect(rejected).toMatchObject({ status: 'REJECTED' });
    expect(rejected.closedAt).not.toBeNull();
    expect(rejected.allowedActions).toEqual(['REOPEN']);
    const empty = await fails(t, M.reopen, { id: appeal.id, reason: '  ', v: rejected.version }, s.specialist);
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const reopened = await ok(t, M.reopen, { id: appeal.id, reason: 'Отклонено ошибочно', v: rejected.version }, s.specialist);
    expect(reopened).toMatchObject({ status: 'REOPENED', reopenCount: 1, closedAt: null });
  });
});

describe('answers and review', () => {
  it('stores the answer with its result and attachment metadata, and requires a reason to return it', async () => {
    const appeal = await posAppeal();
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const empty = await fails(t, M.answer, { id: appeal.id, input: { text: ' ', result: 'EXPLAINED' }, v: started.version }, operator);
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const noName = await fails(t, M.answer, { id: appeal.id, input: { ...ANSWER, attachments: [{ name: '' }] }, v: started.version }, operator);
    expect(noName.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.attachments.0.name' });
    const input = {
      text: 'Разъяснён порядок замены качелей',
      result: 'EXPLAINED',
      attachments: [{ name: 'акт.pdf', mimeType: 'application/pdf', sizeBytes: 1024, url: 'https://docs.example/akt.pdf' }],
    };
    const answered = await ok(t, M.answer, { id: appeal.id, input, v: started.version }, operator);
    const noReason = await fails(t, M.review, { id: appeal.id, decision: 'RETURN', v: answered.version }, s.specialist);
    expect(noReason.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const read = await t.gql(
      `query($id: ID!) { appeal(id: $id) { responses { text result attachments { name mimeType sizeBytes url } author { id } organization { code } reviewDecision } } }`,
      { id: appeal.id },
      s.specialist,
    );
    expect(read.data.appeal.responses).toEqual([
      {
        text: input.text,
        result: 'EXPLAINED',
        attachments: input.attachments,
        author: { id: expect.any(String) },
        organization: { code: 'adm-yoshkar-ola' },
        reviewDecision: null,
      },
    ]);
  });
});

describe('optimistic locking', () => {
  it('answers a stale expectedVersion with CONFLICT and the current version', async () => {
    const appeal = await posAppeal();
    const operator = await s.operator('adm-yoshkar-ola');
    await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const stale = await fails(t, M.pause, { id: appeal.id, reason: 'Уточнить адрес', v: appeal.version }, operator);
    expect(stale.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: appeal.version + 1, expectedVersion: appeal.version });
  });

  it('lets exactly one of two concurrent answers win', async () => {
    const appeal = await posAppeal();
    const operator = await s.operator('adm-yoshkar-ola');
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
    const results = await Promise.all([
      t.gql(M.answer, { id: appeal.id, input: { ...ANSWER, text: 'Ответ первого исполнителя' }, v: started.version }, operator),
      t.gql(M.answer, { id: appeal.id, input: { ...ANSWER, text: 'Ответ второго исполнителя' }, v: started.version }, operator),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.errors![0]!.extensions?.code).toBe('CONFLICT');
    const [{ count }] = await t.em().execute('select count(*)::int as count from appeal_response where appeal_id = ?', [appeal.id]);
    expect(count).toBe(1);
    const full = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(full.history.filter((e: any) => e.type === 'ANSWER_SUBMITTED')).toHaveLength(1);
  });
});

describe('the audit trail', () => {
  it('is append-only in the database itself: UPDATE and DELETE on appeal_event fail', async () => {
    const appeal = await posAppeal();
    const em = t.em();
    // The API's role may not (docs/security.md); the owner is stopped by the trigger.
    await expect(em.execute(`update appeal_event set reason = 'подделка' where appeal_id = ?`, [appeal.id])).rejects.toThrow(/permission denied/);
    await expect(em.execute('delete from appeal_event where appeal_id = ?', [appeal.id])).rejects.toThrow(/permission denied/);
    await expect(t.asOwner(`update appeal_event set reason = 'подделка' where appeal_id = $1`, [appeal.id])).rejects.toThrow(/append-only/);
    await expect(t.asOwner('delete from appeal_event where appeal_id = $1', [appeal.id])).rejects.toThrow(/append-only/);
    const [{ count }] = await em.execute('select count(*)::int as count from appeal_event where appeal_id = ? and reason is null', [appeal.id]);
    expect(count).toBeGreaterThan(0);
  });

  it('records who acted', async () => {
    const appeal = await posAppeal();
    const [row] = await t
      .em()
      .execute(`select e.actor_user_id, u.role from appeal_event e join app_user u on u.id = e.actor_user_id where e.appeal_id = ? and e.type = 'REGISTERED'`, [
        appeal.id,
      ]);
    expect(row.role).toBe('INTEGRATION');
  });
});
