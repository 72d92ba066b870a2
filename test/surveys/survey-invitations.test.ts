import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { drainOutbox } from '../../core/notifications/delivery.service.js';
import { closeTransports } from '../../core/notifications/transports.js';
import { fails, idOf, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { startSmtp, startWebhook } from '../informing/mail-servers.js';
import { CREATE, SUBMIT, must, openSurvey, questionnaire } from './survey-helpers.js';

const CONSENT = 'mutation($id: ID!, $consent: Boolean!) { setSurveyConsent(appealId: $id, consent: $consent) { consent contacts } }';
const SEND = 'mutation($id: ID!) { sendSurveyInvitations(surveyId: $id) { invited contacts } }';
const HISTORY = 'query($id: ID!) { survey(id: $id) { history { type data } results { linksIssued } } }';

let t: TestApp;
let s: Staff;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: Awaited<ReturnType<typeof startWebhook>>;
let volzhsk: string;
let kozmo: string;
const clock = new ManualClock('2026-03-02T10:00:00+03:00');

beforeAll(async () => {
  smtp = await startSmtp();
  sms = await startWebhook();
  t = await startTestApp({
    clock,
    env: { NOTIFY_CHANNELS: 'email,sms', SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url, SURVEY_LINK_BASE: 'https://opros.example.ru/s' },
  });
  s = await staff(t);
  volzhsk = await idOf(t, 'municipality', 'volzhsk');
  kozmo = await idOf(t, 'municipality', 'kozmodemyansk');
});
afterAll(async () => {
  closeTransports(t.running.app);
  await t?.stop();
  await smtp?.close();
  await sms?.close();
});

/** A message's text body (base64 or quoted-printable, as the mailer chose) as UTF-8. */
function decoded(mail: string): string {
  const split = mail.indexOf('\r\n\r\n');
  const body = mail.slice(split + 4);
  if (/Content-Transfer-Encoding: base64/i.test(mail.slice(0, split))) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}
const TOKEN = /https:\/\/opros\.example\.ru\/s\?token=([A-Za-z0-9_-]{43})/;
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));

/** An appeal of an author; consent recorded when `consent` is given. */
async function author(place: string, contact: Record<string, unknown>, consent?: boolean, category = 'housing.heating') {
  const { appeal } = await register(t, s.integration, {
    channel: 'POS',
    text: 'Холодные батареи',
    receivedAt: clock.now().toISOString(),
    municipalityId: place,
    category,
    author: contact,
  });
  if (consent !== undefined) await ok(t, CONSENT, { id: appeal.id, consent }, s.integration);
  return appeal;
}

const outbox = async (surveyId: string) =>
  (await t.em().execute(
    `select o.recipient_key, o.channel from notification_outbox o join notification_message m on m.id = o.message_id
     join survey_link l on l.id = m.source_id where m.source = 'survey-invitation' and l.survey_id = ? order by o.recipient_key`,
    [surveyId],
  )) as { recipient_key: string; channel: string }[];

describe('invitations to an audience (sendSurveyInvitations)', () => {
  it('reach the consenting contacts of the audience once each, by e-mail and SMS, with links that answer the survey', async () => {
    await author(volzhsk, { email: 'agreed@test.local' }, true);
    await author(volzhsk, { email: 'AGREED@test.local', phone: '+7 900 700-00-01' }); // the same e-mail again; the phone never agreed
    await author(volzhsk, { phone: '+7 900 700-00-02' }, true);
    await author(volzhsk, { email: 'never@test.local' });
    await author(volzhsk, { email: 'declined@test.local' }, false);
    await author(volzhsk, { email: 'gone@test.local' }, true);
    await t.em().execute(`insert into notification_contact (contact_key, token_hash, opted_out_at) values ('email:gone@test.local', 'gone', now())`);
    await author(kozmo, { email: 'elsewhere@test.local' }, true); // outside the audience's municipality
    await author(volzhsk, { email: 'water@test.local' }, true, 'housing.water-supply'); // outside its category

    const survey = await openSurvey(t, s.specialist, { ...questionnaire(), audience: { municipalityIds: [volzhsk], categories: ['housing.heating'] } });
    expect(await ok(t, SEND, { id: survey.id }, s.specialist)).toEqual({ invited: 2, contacts: 2 });
    expect(await outbox(survey.id)).toEqual([
      { recipient_key: 'email:agreed@test.local', channel: 'EMAIL' },
      { recipient_key: 'phone:9007000002', channel: 'SMS' },
    ]);
    // Again: nobody twice.
    expect(await ok(t, SEND, { id: survey.id }, s.specialist)).toEqual({ invited: 0, contacts: 2 });

    expect((await drainOutbox(t.running.app)).sent).toBe(2);
    const mails = mailsTo('agreed@test.local');
    expect(mails).toHaveLength(1);
    const text = decoded(mails[0]!.data);
    expect(text).toContain('Качество уборки дворов');
    const token = TOKEN.exec(text)![1]!;
    const answers = [
      { questionCode: 'satisfied', optionCodes: ['yes'] },
      { questionCode: 'score', value: 4 },
    ];
    expect((await must(t, SUBMIT, { token, answers })).submitSurveyResponse.accepted).toBe(true);
    expect((await t.gql(SUBMIT, { token, answers })).errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const smsToken = TOKEN.exec(JSON.stringify(sms.received.find((r) => r.body.to === '+7 900 700-00-02')!.body))![1]!;
    expect(smsToken).not.toBe(token);
    expect((await must(t, SUBMIT, { token: smsToken, answers })).submitSurveyResponse.accepted).toBe(true);
    for (const address of ['never@test.local', 'declined@test.local', 'gone@test.local', 'elsewhere@test.local', 'water@test.local'])
      expect(mailsTo(address)).toEqual([]);

    // One who agrees later is invited by the next sending, alone.
    await author(volzhsk, { email: 'later@test.local' }, true);
    expect(await ok(t, SEND, { id: survey.id }, s.specialist)).toEqual({ invited: 1, contacts: 3 });
    const read = (await must(t, HISTORY, { id: survey.id }, s.specialist)).survey;
    expect(read.history.filter((e: { type: string }) => e.type === 'INVITATIONS_QUEUED').map((e: { data: unknown }) => e.data)).toEqual([
      { invited: 2, contacts: 2 },
      { invited: 0, contacts: 2 },
      { invited: 1, contacts: 3 },
    ]);
    expect(read.results.linksIssued).toBe(3);
  });

  it('queues each contact once when two sendings run at once', async () => {
    for (let i = 0; i < 5; i++) await author(kozmo, { email: `race${i}@test.local` }, true, 'housing.water-supply');
    const survey = await openSurvey(t, s.specialist, {
      ...questionnaire('Вода'),
      audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
    });
    const both = await Promise.all([t.gql(SEND, { id: survey.id }, s.specialist), t.gql(SEND, { id: survey.id }, s.specialist)]);
    expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(both.reduce((sum, r) => sum + (r.data as any).sendSurveyInvitations.invited, 0)).toBe(5);
    expect(await outbox(survey.id)).toHaveLength(5);
  });

  it('refuses a draft, a survey without an audience, another sector, and roles that do not run surveys', async () => {
    const draft = (await must(t, CREATE, { input: { ...questionnaire(), audience: { municipalityIds: [volzhsk] } } }, s.specialist)).createSurvey;
    expect((await fails(t, SEND, { id: draft.id }, s.specialist)).extensions?.code).toBe('CONFLICT');
    const everyone = await openSurvey(t, s.specialist, questionnaire());
    expect((await fails(t, SEND, { id: everyone.id }, s.specialist)).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'surveyId' });
    const roads = (await t.user(Role.SECTOR_LEAD, { sectors: ['roads'] })).token;
    expect((await fails(t, SEND, { id: draft.id }, roads)).extensions?.code).toBe('NOT_FOUND');
    const analyst = (await t.user(Role.ANALYST)).token;
    expect((await fails(t, SEND, { id: draft.id }, analyst)).extensions?.code).toBe('FORBIDDEN');
  });
});
