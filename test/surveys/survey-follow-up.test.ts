import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { drainOutbox } from '../../core/notifications/delivery.service.js';
import { closeTransports } from '../../core/notifications/transports.js';
import { queueFollowUp } from '../../core/surveys/survey-follow-up.js';
import { hashToken } from '../../core/surveys/survey-links.service.js';
import { ANSWER, fails, idOf, M, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { optOutLink, startSmtp, startWebhook } from '../informing/mail-servers.js';
import { CREATE, OPEN, SUBMIT, must } from './survey-helpers.js';

const LINK = 'mutation($id: ID!) { issueSatisfactionLink(id: $id) { token } }';
const RATE_BY_LINK = 'mutation($token: String!, $score: Int!) { rateAppealByLink(token: $token, score: $score) { number score reopened } }';
const CONSENT = 'mutation($id: ID!, $consent: Boolean!) { setSurveyConsent(appealId: $id, consent: $consent) { consent contacts } }';
const BASE = 'https://opros.example.ru/s';

let t: TestApp;
let s: Staff;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: Awaited<ReturnType<typeof startWebhook>>;
let yoshkarOla: string;
const clock = new ManualClock('2026-03-02T10:00:00+03:00');

beforeAll(async () => {
  smtp = await startSmtp();
  sms = await startWebhook();
  t = await startTestApp({
    clock,
    env: { NOTIFY_CHANNELS: 'email,sms', SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url, SURVEY_LINK_BASE: BASE, NOTIFY_LINK_BASE: 'https://cur.example' },
  });
  s = await staff(t);
  yoshkarOla = await idOf(t, 'municipality', 'yoshkar-ola');
});
afterAll(async () => {
  closeTransports(t.running.app);
  await t?.stop();
  await smtp?.close();
  await sms?.close();
});

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
/** A message's text body (base64 or quoted-printable, as the mailer chose) as UTF-8. */
function decoded(mail: string): string {
  const split = mail.indexOf('\r\n\r\n');
  const head = mail.slice(0, split);
  const body = mail.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

/** The survey link in a message. */
function surveyToken(mail: string): string {
  const text = decoded(mail);
  const match = /https:\/\/opros\.example\.ru\/s\?token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no survey link in the message: ${text.slice(0, 2000)}`);
  return match[1]!;
}

/** A follow-up survey of one question, open now. */
async function followUpSurvey(title: string, audience: Record<string, unknown>) {
  const input = {
    title,
    followUpAfterRating: true,
    audience,
    questions: [
      {
        code: 'solved',
        text: 'Решена ли ваша проблема?',
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'yes', text: 'Да' },
          { code: 'no', text: 'Нет' },
        ],
      },
    ],
  };
  const created = (await must(t, CREATE, { input }, s.specialist)).createSurvey;
  return (await must(t, OPEN, { id: created.id, v: created.version }, s.specialist)).openSurvey as { id: string };
}

/** An appeal of an author with these contacts, answered and accepted (ready to be rated). */
async function answered(author: Record<string, unknown>, category = 'housing.yard-improvement') {
  const { appeal } = await register(t, s.integration, {
    channel: 'POS',
    text: 'Во дворе сломаны качели',
    receivedAt: clock.now().toISOString(),
    category,
    municipalityId: yoshkarOla,
    author,
  });
  const operator = await s.operator(appeal.organization.code);
  const started = await ok(t, M.start, { id: appeal.id, v: appeal.version }, operator);
  const done = await ok(t, M.answer, { id: appeal.id, input: ANSWER, v: started.version }, operator);
  clock.advance(3_600_000);
  return ok(t, M.review, { id: appeal.id, decision: 'ACCEPT', v: done.version }, s.specialist);
}

async function rateByLink(appealId: string, score = 4) {
  const { token } = await ok(t, LINK, { id: appealId }, s.specialist);
  return ok(t, RATE_BY_LINK, { token, score }, s.specialist);
}

/** Invitation rows of the outbox for a contact (the follow-up is queued by a subscriber of the committed events). */
async function invitations(contactKey: string, expected: number) {
  const read = async () =>
    (await t.em().execute(
      `select o.id, m.source_id, m.body from notification_outbox o join notification_message m on m.id = o.message_id
       where m.source = 'survey-invitation' and o.recipient_key = ?`,
      [contactKey],
    )) as { id: string; source_id: string; body: string }[];
  for (let i = 0; i < 50 && (await read()).length < expected; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return read();
}

describe('consent to be asked (setSurveyConsent)', () => {
  it('is recorded per contact of the appeal, not returned, withdrawn with false; refused for an appeal without a contact or out of scope', async () => {
    const { appeal } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Яма у подъезда',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
      author: { email: 'Both@Test.local', phone: '+7 900 123-45-67' },
    });
    expect(await ok(t, CONSENT, { id: appeal.id, consent: true }, s.integration)).toEqual({ consent: true, contacts: 2 });
    const rows = await t.em().execute('select contact_key, consent from survey_consent where appeal_id = ? order by contact_key', [appeal.id]);
    expect(rows).toEqual([
      { contact_key: 'email:both@test.local', consent: true },
      { contact_key: 'phone:9001234567', consent: true },
    ]);
    await ok(t, CONSENT, { id: appeal.id, consent: false }, s.specialist);
    const withdrawn = await t.em().execute('select consent from survey_consent where appeal_id = ?', [appeal.id]);
    expect(withdrawn.map((r) => r.consent)).toEqual([false, false]);

    const { appeal: anonymous } = await register(t, s.integration, {
      channel: 'POS',
      text: 'Яма у подъезда',
      receivedAt: clock.now().toISOString(),
      category: 'housing.yard-improvement',
      municipalityId: yoshkarOla,
    });
    expect((await fails(t, CONSENT, { id: anonymous.id, consent: true }, s.specialist)).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'appealId',
    });
    expect((await fails(t, CONSENT, { id: '00000000-0000-4000-8000-000000000000', consent: true }, s.specialist)).extensions?.code).toBe('NOT_FOUND');
    const roads = (await t.user(Role.SECTOR_SPECIALIST, { sectors: ['roads'] })).token;
    expect((await fails(t, CONSENT, { id: appeal.id, consent: true }, roads)).extensions?.code).toBe('NOT_FOUND');
    const analyst = (await t.user(Role.ANALYST)).token;
    expect((await fails(t, CONSENT, { id: appeal.id, consent: true }, analyst)).extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the follow-up question after a rating', () => {
  it('reaches a consenting author through the outbox once, with a working one-use link that the database does not hold', async () => {
    const regionWide = await followUpSurvey('Как вам работа ЦУР?', {});
    const housing = await followUpSurvey('Решена ли проблема во дворе?', { sectors: ['housing'] });
    const appeal = await answered({ email: 'rater@test.local' });
    await ok(t, CONSENT, { id: appeal.id, consent: true }, s.integration);
    const rated = await rateByLink(appeal.id);
    expect(rated).toMatchObject({ score: 4, reopened: false });

    const queued = await invitations('email:rater@test.local', 1);
    expect(queued).toHaveLength(1);
    // The sector's follow-up wins over the region's; the link's token is in no row, only its hash.
    const [link] = await t.em().execute('select survey_id, token_hash, for_audience from survey_link where id = ?', [queued[0]!.source_id]);
    expect(link).toMatchObject({ survey_id: housing.id, for_audience: true });
    expect(queued[0]!.body).toContain('{{messageToken}}');

    expect((await drainOutbox(t.running.app)).sent).toBe(1);
    const [mail] = mailsTo('rater@test.local');
    expect(decoded(mail!.data)).toContain(`обращение № ${appeal.number}`);
    const token = surveyToken(mail!.data);
    expect(hashToken(token)).toBe(link.token_hash);
    expect(optOutLink(decoded(mail!.data))).toContain('/notifications/opt-out?token=');
    const dump = JSON.stringify(await t.em().execute('select * from notification_message m join notification_outbox o on o.message_id = m.id'));
    expect(dump).not.toContain(token);

    const submitted = await must(t, SUBMIT, { token, answers: [{ questionCode: 'solved', optionCodes: ['yes'] }] });
    expect(submitted.submitSurveyResponse).toMatchObject({ accepted: true, surveyTitle: 'Решена ли проблема во дворе?' });
    expect((await t.gql(SUBMIT, { token, answers: [{ questionCode: 'solved', optionCodes: ['no'] }] })).errors![0]!.extensions!.code).toBe('FORBIDDEN');

    // Once per contact and survey: the same author's next rated appeal, or the same event again, queues nothing more.
    const next = await answered({ email: 'RATER@test.local' });
    await rateByLink(next.id, 5);
    expect(await queueFollowUp(t.running.app, { appealId: next.id, type: 'RATED' })).toBe(0);
    expect(await queueFollowUp(t.running.app, { appealId: appeal.id, type: 'RATED' })).toBe(0);
    expect(await invitations('email:rater@test.local', 1)).toHaveLength(1);
    expect(regionWide.id).not.toBe(housing.id);
  });

  it('asks nobody who did not agree, withdrew, or opted out; outside any follow-up audience the region-wide one is used', async () => {
    const silent = await answered({ email: 'silent@test.local' });
    await rateByLink(silent.id);
    const withdrawn = await answered({ email: 'withdrawn@test.local' });
    await ok(t, CONSENT, { id: withdrawn.id, consent: true }, s.integration);
    await ok(t, CONSENT, { id: withdrawn.id, consent: false }, s.specialist);
    await rateByLink(withdrawn.id);
    const optedOut = await answered({ email: 'optout@test.local' });
    await ok(t, CONSENT, { id: optedOut.id, consent: true }, s.integration);
    await t.em().execute(`insert into notification_contact (contact_key, token_hash, opted_out_at) values ('email:optout@test.local', 'x', now())`);
    await rateByLink(optedOut.id);
    for (const id of [silent.id, withdrawn.id, optedOut.id]) expect(await queueFollowUp(t.running.app, { appealId: id, type: 'RATED' })).toBe(0);
    for (const key of ['email:silent@test.local', 'email:withdrawn@test.local', 'email:optout@test.local']) expect(await invitations(key, 0)).toEqual([]);

    // A phone author of another sector: the SMS carries the region-wide follow-up.
    const roadsAppeal = await answered({ phone: '+7 900 555-66-77' }, 'energy.gas-supply');
    await ok(t, CONSENT, { id: roadsAppeal.id, consent: true }, s.integration);
    await rateByLink(roadsAppeal.id, 2);
    const [queued] = await invitations('phone:9005556677', 1);
    const [link] = await t.em().execute('select s.title from survey_link l join survey s on s.id = l.survey_id where l.id = ?', [queued!.source_id]);
    expect(link.title).toBe('Как вам работа ЦУР?');
    await drainOutbox(t.running.app);
    const text = sms.received.find((r) => r.body.to === '+7 900 555-66-77');
    expect(text).toBeTruthy();
    expect(JSON.stringify(text!.body)).toMatch(/https:\/\/opros\.example\.ru\/s\?token=[A-Za-z0-9_-]{43}/);
  });
});
