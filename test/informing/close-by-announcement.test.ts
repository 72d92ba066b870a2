import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { APPEAL_FIELDS, M, fails, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { A, municipalityId, publishNew } from './informing-helpers.js';

let t: TestApp;
let s: Staff;
let kozmo: string;
let yola: string;
let water: any;
let roads: any;
const clock = new ManualClock(new Date());
const HOUR = 3_600_000;

const CLOSE = `mutation($appeal: ID!, $announcement: ID!, $v: Int!) {
  closeAppealByAnnouncement(appealId: $appeal, announcementId: $announcement, expectedVersion: $v) { ${APPEAL_FIELDS} } }`;

beforeAll(async () => {
  t = await startTestApp({ clock });
  s = await staff(t);
  kozmo = await municipalityId(t, 'kozmodemyansk');
  yola = await municipalityId(t, 'yoshkar-ola');
  const period = {
    validFrom: new Date(clock.now().getTime() - 30 * 24 * HOUR).toISOString(),
    validTo: new Date(clock.now().getTime() + 30 * 24 * HOUR).toISOString(),
  };
  water = await publishNew(t, s.specialist, {
    kind: 'OUTAGE',
    title: 'Плановое отключение холодной воды в Козьмодемьянске',
    body: 'Замена участка водовода; подача воды возобновится завтра к 18:00.',
    ...period,
    audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
  });
  roads = await publishNew(t, s.specialist, {
    kind: 'WORKS',
    title: 'Ремонт дороги на улице Панфилова',
    body: 'Движение перекрыто до конца месяца.',
    ...period,
    audience: { municipalityIds: [yola], sectors: ['roads'] },
  });
});
afterAll(() => t?.stop());

/** A new appeal about the water outage (answered by `water` at intake); SOCIAL_MEDIA: registered and routed at once. */
async function waterAppeal(author: Record<string, unknown> = {}, channel = 'SOCIAL_MEDIA', receivedAt = clock.now()) {
  const { appeal } = await register(t, s.integration, {
    channel,
    text: 'Нет холодной воды второй день',
    receivedAt: receivedAt.toISOString(),
    municipalityId: kozmo,
    category: 'housing.water-supply',
    author,
  });
  return appeal;
}

const history = async (id: string) =>
  (await t.em().execute('select type, from_status, to_status, reason, data from appeal_event where appeal_id = ? order by at, seq', [id])) as any[];
const state = async (id: string) => {
  const [row] = await t.em().execute(
    `select a.status, a.version, a.answered_at, a.closed_at,
      (select count(*)::int from appeal_event e where e.appeal_id = a.id) as events,
      (select count(*)::int from appeal_response r where r.appeal_id = a.id) as responses
     from appeal a where a.id = ?`,
    [id],
  );
  return row;
};

describe('closeAppealByAnnouncement', () => {
  it('closes a matched appeal through the lifecycle: the announcement is the accepted answer, the deadline met, the author told', async () => {
    const appeal = await waterAppeal({ email: 'resident@test.local', notifyConsent: true });
    expect(['REGISTERED', 'ASSIGNED']).toContain(appeal.status);
    expect((await ok(t, M.read, { id: appeal.id }, s.specialist)).allowedActions).toContain('CLOSE_BY_ANNOUNCEMENT');
    const closed = await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version }, s.specialist);
    expect(closed).toMatchObject({ status: 'CLOSED', version: appeal.version + 1 });
    expect(closed.answeredAt).toBe(clock.now().toISOString());
    expect(closed.closedAt).toBe(clock.now().toISOString());
    expect(closed.deadline.state).toBe('MET');
    // The author may still rate the answer: the rating stays open from CLOSED.
    expect(closed.allowedActions).toEqual(expect.arrayContaining(['RATE', 'RATE_NEGATIVE', 'REOPEN']));

    const events = await history(appeal.id);
    const entry = events.at(-1);
    expect(entry).toMatchObject({ type: 'ANSWERED_BY_ANNOUNCEMENT', from_status: appeal.status, to_status: 'CLOSED' });
    expect(entry.data).toMatchObject({ announcementId: water.id, deadlineState: 'MET' });
    const read = await ok(t, M.read, { id: appeal.id }, s.specialist);
    expect(read.responses).toEqual([
      expect.objectContaining({ text: expect.stringContaining('Замена участка водовода'), result: 'EXPLAINED', reviewDecision: 'ACCEPT' }),
    ]);

    // The consenting author gets the announcement as the answer, through the outbox (dry run by default).
    const notices = async () =>
      (await t.em().execute(
        `select m.subject, m.body from notification_outbox o join notification_message m on m.id = o.message_id
         join appeal_event e on e.id = m.source_id where m.source = 'appeal-event' and e.appeal_id = ? and e.type = 'ANSWERED_BY_ANNOUNCEMENT'`,
        [appeal.id],
      )) as any[];
    for (let i = 0; i < 50 && !(await notices()).length; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const [notice] = await notices();
    expect(notice.subject).toContain(`Ответ на обращение № ${appeal.number}`);
    expect(notice.body).toContain('Замена участка водовода');

    // The lifecycle goes on: a negative rating reopens the appeal for its body.
    const rated = await ok(t, M.rate, { id: appeal.id, score: 1, comment: 'Воды так и нет' }, s.specialist);
    expect(rated.status).toBe('REOPENED');
  });

  it('records a missed deadline when the appeal waited past its term', async () => {
    const appeal = await waterAppeal({}, 'SOCIAL_MEDIA', new Date(clock.now().getTime() - 10 * 24 * HOUR));
    expect(appeal.deadline.state).toBe('OVERDUE');
    const closed = await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version }, s.specialist);
    expect(closed.deadline.state).toBe('MISSED');
    expect((await history(appeal.id)).at(-1).data.deadlineState).toBe('MISSED');
  });

  it('ends a running pause, keeping the time paused', async () => {
    const appeal = await waterAppeal();
    const paused = await ok(t, M.pause, { id: appeal.id, reason: 'Уточняем адрес', v: appeal.version }, s.specialist);
    clock.advance(2 * HOUR);
    try {
      const closed = await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: paused.version }, s.specialist);
      expect(closed.deadline).toMatchObject({ paused: false, pausedHours: 2 });
      expect((await history(appeal.id)).at(-1).data.resumed).toBe(true);
    } finally {
      clock.advance(-2 * HOUR);
    }
  });

  it('is idempotent: a repeat, even with the old version, and two requests at once close the appeal once', async () => {
    const appeal = await waterAppeal();
    const first = await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version }, s.specialist);
    const again = await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version }, s.specialist);
    expect(again).toMatchObject({ id: appeal.id, status: 'CLOSED', version: first.version, closedAt: first.closedAt });

    const other = await waterAppeal();
    const both = await Promise.all([1, 2].map(() => t.gql(CLOSE, { appeal: other.id, announcement: water.id, v: other.version }, s.specialist)));
    for (const result of both) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(both.map((r) => r.data.closeAppealByAnnouncement.version)).toEqual([other.version + 1, other.version + 1]);
    for (const id of [appeal.id, other.id]) {
      const entries = (await history(id)).filter((e) => e.type === 'ANSWERED_BY_ANNOUNCEMENT');
      expect(entries).toHaveLength(1);
      expect((await state(id)).responses).toBe(1);
    }
  });

  it('answers every bad input with a code and the field, and leaves the appeal as it was', async () => {
    const appeal = await waterAppeal();
    const before = await state(appeal.id);
    const expectRefused = async (variables: Record<string, unknown>, token: string, expected: Record<string, unknown>) => {
      const error = await fails(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version, ...variables }, token);
      expect(error.extensions, JSON.stringify(variables)).toMatchObject(expected);
      expect(await state(appeal.id)).toEqual(before);
      return error;
    };
    await expectRefused({ announcement: 'not-a-uuid' }, s.specialist, { code: 'BAD_USER_INPUT', field: 'announcementId' });
    await expectRefused({ announcement: '00000000-0000-4000-8000-000000000000' }, s.specialist, { code: 'BAD_USER_INPUT', field: 'announcementId' });
    // Another published announcement that did not answer this appeal at intake.
    const unmatched = await register(t, s.integration, {
      channel: 'SOCIAL_MEDIA',
      text: 'Нет воды',
      receivedAt: clock.now().toISOString(),
      municipalityId: yola,
      category: 'housing.water-supply',
    });
    expect((await ok(t, M.read, { id: unmatched.appeal.id }, s.specialist)).allowedActions).not.toContain('CLOSE_BY_ANNOUNCEMENT');
    await expectRefused({ announcement: roads.id }, s.specialist, { code: 'BAD_USER_INPUT', field: 'announcementId' });
    await expectRefused({ v: appeal.version - 1 }, s.specialist, { code: 'CONFLICT', currentVersion: appeal.version });
    await expectRefused({ appeal: '00000000-0000-4000-8000-000000000000' }, s.specialist, { code: 'NOT_FOUND' });
    await expectRefused({ appeal: 'nope' }, s.specialist, { code: 'BAD_USER_INPUT', field: 'appealId' });
    // Who may: the ЦУР's staff; sector staff only within their sectors; bodies and readers not at all.
    const analyst = await t.user(Role.ANALYST);
    await expectRefused({}, analyst.token, { code: 'FORBIDDEN' });
    await expectRefused({}, await s.operator(appeal.organization.code), { code: 'FORBIDDEN' });
    await expectRefused({}, (await t.user(Role.SECTOR_SPECIALIST, { sectors: ['roads'] })).token, { code: 'NOT_FOUND' });
    await fails(t, CLOSE, { appeal: appeal.id, announcement: water.id }, s.specialist); // expectedVersion is required
    expect(await state(appeal.id)).toEqual(before);
    const housing = await t.user(Role.SECTOR_SPECIALIST, { sectors: ['housing'] });
    expect((await ok(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: appeal.version }, housing.token)).status).toBe('CLOSED');
  });

  it('refuses a withdrawn announcement, and statuses the status machine does not allow', async () => {
    const appeal = await waterAppeal();
    const outage = await publishNew(t, s.specialist, {
      kind: 'EMERGENCY',
      title: 'Авария на водоводе в Козьмодемьянске',
      body: 'Аварийная бригада на месте.',
      validFrom: new Date(clock.now().getTime() - HOUR).toISOString(),
      validTo: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
      audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
    });
    const matched = await waterAppeal();
    expect((await history(matched.id)).find((e) => e.type === 'ANNOUNCEMENT_MATCHED')?.data.announcementId).toBe(outage.id);
    await ok(t, A.withdraw, { id: outage.id, reason: 'Ошибочное объявление', v: outage.version }, s.specialist);
    const before = await state(matched.id);
    const withdrawn = await fails(t, CLOSE, { appeal: matched.id, announcement: outage.id, v: matched.version }, s.specialist);
    expect(withdrawn.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'announcementId', status: 'WITHDRAWN' });
    expect(await state(matched.id)).toEqual(before);
    expect((await ok(t, M.read, { id: matched.id }, s.specialist)).allowedActions).not.toContain('CLOSE_BY_ANNOUNCEMENT');

    // A 59-ФЗ letter waits for registration (NEW): no answer before it is registered.
    const letter = await waterAppeal({}, 'EMAIL');
    expect(letter.status).toBe('NEW');
    const unregistered = await fails(t, CLOSE, { appeal: letter.id, announcement: water.id, v: letter.version }, s.specialist);
    expect(unregistered.extensions).toMatchObject({ code: 'CONFLICT', status: 'NEW' });
    // An answer of the body waiting for the ЦУР's review is reviewed, not replaced.
    const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, await s.operator(appeal.organization.code));
    const answered = await ok(
      t,
      M.answer,
      { id: appeal.id, input: { text: 'Ответ', result: 'EXPLAINED' }, v: started.version },
      await s.operator(appeal.organization.code),
    );
    const onReview = await fails(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: answered.version }, s.specialist);
    expect(onReview.extensions).toMatchObject({ code: 'CONFLICT', status: 'ON_REVIEW' });
    // An appeal answered by its body is not answered again by the announcement.
    const accepted = await ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', comment: null, v: answered.version }, s.specialist);
    expect((await fails(t, CLOSE, { appeal: appeal.id, announcement: water.id, v: accepted.version }, s.specialist)).extensions?.code).toBe('CONFLICT');
  });
});
