import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { drainOutbox } from '../../core/notifications/delivery.service.js';
import { closeTransports } from '../../core/notifications/transports.js';
import { M, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { answerAndAccept } from '../channels/drive-appeal.js';
import { A, municipalityId, publishNew } from './informing-helpers.js';
import { optOutLink, startSmtp, startWebhook } from './mail-servers.js';

let t: TestApp;
let s: Staff;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let sms: Awaited<ReturnType<typeof startWebhook>>;
const clock = new ManualClock(new Date());
const HOUR = 3_600_000;
/** Addresses the SMTP server refuses: temporarily the first time (451), or always (550). */
const flakyOnce = new Set(['flaky@test.local']);

beforeAll(async () => {
  smtp = await startSmtp((address) => {
    if (address === 'refused@test.local') return 550;
    if (flakyOnce.delete(address)) return 451;
    return null;
  });
  sms = await startWebhook((body) => (body.to === '+7 900 000-00-99' ? 503 : 200));
  t = await startTestApp({
    clock,
    env: {
      NOTIFY_CHANNELS: 'email,sms',
      SMTP_URL: smtp.url,
      SMS_WEBHOOK_URL: sms.url,
      NOTIFY_RETRY_BASE_SECONDS: '30',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_LEASE_SECONDS: '600',
    },
  });
  s = await staff(t);
});
afterAll(async () => {
  closeTransports(t.running.app);
  await t?.stop();
  await smtp?.close();
  await sms?.close();
});

const drain = (options = {}) => drainOutbox(t.running.app, options);
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));

async function author(place: string, category: string, author: Record<string, unknown>) {
  return register(t, s.integration, {
    channel: 'SOCIAL_MEDIA',
    text: 'Жалоба',
    receivedAt: clock.now().toISOString(),
    municipalityId: place,
    category,
    author,
  });
}

async function announce(place: string, category: string, title = 'Отключение воды') {
  return publishNew(t, s.specialist, {
    kind: 'OUTAGE',
    title,
    body: 'Подвоз воды у администрации.',
    validFrom: new Date(clock.now().getTime() - HOUR).toISOString(),
    validTo: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    audience: { municipalityIds: [place], categories: [category] },
  });
}

const stats = async (id: string) => (await ok(t, A.read, { id }, s.specialist)).deliveries;

describe('delivery of an announcement', () => {
  let kozmo: string;
  let announcement: any;
  beforeAll(async () => {
    kozmo = await municipalityId(t, 'kozmodemyansk');
    await author(kozmo, 'housing.water-supply', { email: 'Resident@Test.local', notifyConsent: true });
    await author(kozmo, 'housing.water-supply', { email: 'resident@test.local', notifyConsent: true }); // the same contact again
    await author(kozmo, 'housing.water-supply', { email: 'silent@test.local' }); // no consent
    await author(kozmo, 'housing.water-supply', { phone: '+7 900 111-22-33', notifyConsent: true });
    await author(kozmo, 'housing.heating', { email: 'heating@test.local', notifyConsent: true }); // outside the audience
    announcement = await announce(kozmo, 'housing.water-supply', 'Отключение холодной воды в Козьмодемьянске');
  });

  it('queues the consenting authors of the audience, each contact once per channel', async () => {
    const queued = await t.em().execute(
      `select o.channel, o.recipient_key, o.status from notification_outbox o join notification_message m on m.id = o.message_id
      where m.source_id = ? order by o.recipient_key`,
      [announcement.id],
    );
    expect(queued).toEqual([
      { channel: 'EMAIL', recipient_key: 'email:resident@test.local', status: 'QUEUED' },
      { channel: 'SMS', recipient_key: 'phone:9001112233', status: 'QUEUED' },
    ]);
    expect(await stats(announcement.id)).toMatchObject({ queued: 2, sent: 0, failed: 0 });
  });

  it('sends by SMTP and the SMS webhook, with an opt-out link in every message, once', async () => {
    const before = smtp.received.length;
    const done = await drain();
    expect(done).toMatchObject({ sent: 2, failed: 0, retried: 0 });
    const mails = mailsTo('Resident@Test.local');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.data).toMatch(/Subject: =\?UTF-8\?/);
    expect(mails[0]!.data).toContain('List-Unsubscribe:');
    expect(optOutLink(mails[0]!.data)).toMatch(/\/notifications\/opt-out\?token=/);
    const texts = sms.received.filter((r) => r.body.to === '+7 900 111-22-33');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body.text).toMatch(/opt-out\?token=/);
    expect(texts[0]!.idempotencyKey).toMatch(/^outbox-\d+$/);
    expect(await drain()).toMatchObject({ sent: 0 });
    expect(smtp.received.length).toBe(before + 1);
    const figures = await stats(announcement.id);
    expect(figures).toMatchObject({ queued: 0, sent: 2, failed: 0, possibleRepeats: 0 });
    expect(figures.channels.map((c: any) => [c.channel, c.sent])).toEqual([
      ['EMAIL', 1],
      ['SMS', 1],
    ]);
  });

  it('honours an opt-out: GET asks, POST records, and the next announcement leaves the contact out', async () => {
    const link = new URL(optOutLink(mailsTo('Resident@Test.local')[0]!.data));
    const path = `${t.url}${link.pathname}${link.search}`;
    const page = await fetch(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    const [contact] = await t.em().execute(`select opted_out_at from notification_contact where contact_key = 'email:resident@test.local'`);
    expect(contact.opted_out_at).toBeNull(); // a GET (a mail scanner following links) changes nothing
    expect((await fetch(path, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${t.url}/notifications/opt-out?token=${'x'.repeat(43)}`)).status).toBe(404);
    const next = await announce(kozmo, 'housing.water-supply', 'Повторное отключение воды');
    const queued = await t
      .em()
      .execute(`select o.recipient_key from notification_outbox o join notification_message m on m.id = o.message_id where m.source_id = ?`, [next.id]);
    expect(queued.map((r: any) => r.recipient_key)).toEqual(['phone:9001112233']);
    expect(await drain()).toMatchObject({ sent: 1 });
  });
});

describe('retries, failures and crashes', () => {
  let volzhsk: string;
  beforeAll(async () => {
    volzhsk = await municipalityId(t, 'volzhsk');
  });

  it('retries a temporary refusal with exponential backoff, fails a permanent one at once', async () => {
    await author(volzhsk, 'housing.heating', { email: 'flaky@test.local', notifyConsent: true });
    await author(volzhsk, 'housing.heating', { email: 'refused@test.local', notifyConsent: true });
    await author(volzhsk, 'housing.heating', { phone: '+7 900 000-00-99', notifyConsent: true }); // the gateway answers 503
    const a = await announce(volzhsk, 'housing.heating', 'Отключение отопления');
    expect(await drain()).toMatchObject({ sent: 0, retried: 2, failed: 1 });
    const rows = await t
      .em()
      .execute(
        `select o.recipient_key, o.status, o.attempts, o.next_attempt_at from notification_outbox o join notification_message m on m.id = o.message_id where m.source_id = ? order by o.recipient_key`,
        [a.id],
      );
    const row = (key: string): any => rows.find((r: any) => r.recipient_key === key);
    expect(row('email:refused@test.local')).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row('email:flaky@test.local')).toMatchObject({ status: 'QUEUED', attempts: 1 });
    expect(new Date(row('email:flaky@test.local').next_attempt_at).getTime()).toBe(clock.now().getTime() + 30_000);
    expect(await drain()).toMatchObject({ sent: 0, retried: 0 }); // not due yet
    clock.advance(31_000);
    expect(await drain()).toMatchObject({ sent: 1, retried: 1 }); // flaky goes through; the gateway fails again
    const [sms503] = await t.em().execute(`select attempts, next_attempt_at from notification_outbox where recipient_key = 'phone:9000000099'`);
    expect(sms503.attempts).toBe(2);
    expect(new Date(sms503.next_attempt_at).getTime()).toBe(clock.now().getTime() + 60_000); // 30 s × 2
    clock.advance(61_000);
    expect(await drain()).toMatchObject({ failed: 1 }); // NOTIFY_MAX_ATTEMPTS = 3
    expect(mailsTo('flaky@test.local')).toHaveLength(1);
    expect(mailsTo('refused@test.local')).toHaveLength(0);
    expect(await stats(a.id)).toMatchObject({ queued: 0, sent: 1, failed: 2 });
  });

  it('after a crash between the server accepting and our record, loses nothing and repeats only the counted one', async () => {
    const zvenigovo = await municipalityId(t, 'zvenigovsky');
    const addresses = Array.from({ length: 30 }, (_, i) => `crash${i}@test.local`);
    for (const email of addresses) await author(zvenigovo, 'housing.water-supply', { email, notifyConsent: true });
    const a = await announce(zvenigovo, 'housing.water-supply', 'Авария на водопроводе');
    let accepted = 0;
    let victim: string | null = null;
    const crash = new Error('process killed');
    await expect(
      drain({
        onAccepted: (row: { recipient: string }) => {
          if (++accepted === 5) {
            victim = row.recipient;
            throw crash;
          }
        },
      }),
    ).rejects.toBe(crash);
    const sending = await t.em().execute(`select count(*)::int as n from notification_outbox where status = 'SENDING'`);
    expect(sending[0].n).toBeGreaterThan(0);
    // Within the lease nobody touches the rows of the (presumed still running) process.
    expect(await drain()).toMatchObject({ sent: 0, recovered: 0 });
    clock.advance(601_000);
    const after = await drain();
    expect(after.recovered).toBe(sending[0]!.n);
    for (const email of addresses) expect(mailsTo(email).length, email).toBeGreaterThanOrEqual(1); // none lost
    const twice = addresses.filter((email) => mailsTo(email).length > 1);
    expect(twice).toContain(victim);
    const figures = await stats(a.id);
    expect(figures).toMatchObject({ queued: 0, sent: 30, failed: 0 });
    expect(twice.length).toBeLessThanOrEqual(figures.possibleRepeats); // every repeat is counted
    expect(addresses.every((email) => mailsTo(email).length <= 2)).toBe(true);
  });

  it('two drains side by side (two processes) send each message once', async () => {
    const morki = await municipalityId(t, 'morkinsky');
    const addresses = Array.from({ length: 40 }, (_, i) => `pair${i}@test.local`);
    for (const email of addresses) await author(morki, 'housing.water-supply', { email, notifyConsent: true });
    await announce(morki, 'housing.water-supply', 'Промывка водопровода');
    const [one, two] = await Promise.all([drain(), drain()]);
    expect(one.sent + two.sent).toBe(40);
    for (const email of addresses) expect(mailsTo(email), email).toHaveLength(1);
  });

  it('two drains claiming small batches ahead of their sends interleave, and still send each message once', async () => {
    const sernur = await municipalityId(t, 'sernursky');
    const addresses = Array.from({ length: 45 }, (_, i) => `batch${i}@test.local`);
    for (const email of addresses) await author(sernur, 'housing.water-supply', { email, notifyConsent: true });
    const a = await announce(sernur, 'housing.water-supply', 'Замена труб');
    const config = t.running.app.config as { NOTIFY_BATCH_SIZE: number };
    const batch = config.NOTIFY_BATCH_SIZE;
    config.NOTIFY_BATCH_SIZE = 4; // many claims per drain, each taken while the last is being sent
    try {
      const [one, two] = await Promise.all([drain(), drain()]);
      expect(one.sent + two.sent).toBe(45);
    } finally {
      config.NOTIFY_BATCH_SIZE = batch;
    }
    for (const email of addresses) expect(mailsTo(email), email).toHaveLength(1);
    expect(await stats(a.id)).toMatchObject({ queued: 0, sent: 45, failed: 0, possibleRepeats: 0 });
  });
});

describe('status notices to authors', () => {
  it('tells a consenting author of the redirect, the extension and the accepted answer, through the same outbox; nobody else', async () => {
    const yola = await municipalityId(t, 'yoshkar-ola');
    const input = {
      channel: 'SOCIAL_MEDIA',
      text: 'Холодные батареи',
      receivedAt: clock.now().toISOString(),
      municipalityId: yola,
      category: 'housing.heating',
    };
    const { appeal } = await register(t, s.integration, { ...input, author: { email: 'author@test.local', notifyConsent: true } });
    const { appeal: silent } = await register(t, s.integration, { ...input, author: { email: 'quiet@test.local' } });
    for (const start of [appeal, silent]) {
      const target = start.organization.code === 'adm-yoshkar-ola' ? 'min-construction' : 'adm-yoshkar-ola';
      const [org] = await t.em().execute('select id from organization where code = ?', [target]);
      const redirected = await ok(t, M.redirect, { id: start.id, org: org.id, reason: 'По компетенции', v: start.version }, s.specialist);
      const extended = await ok(t, M.extend, { id: start.id, reason: 'Нужна проверка на месте', v: redirected.version, days: 10 }, s.specialist);
      await ok(t, M.start, { id: start.id, v: extended.version }, await s.operator(target));
      await answerAndAccept(t, s, start.id);
    }
    const notices = async () =>
      (await t.em().execute(`select m.subject, o.recipient_key from notification_outbox o join notification_message m on m.id = o.message_id
        join appeal_event e on e.id = m.source_id
        where m.source = 'appeal-event' and o.recipient_key in ('email:author@test.local', 'email:quiet@test.local') order by e.seq`)) as any[];
    for (let i = 0; i < 50 && (await notices()).length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const queued = await notices();
    expect(queued.map((n) => n.recipient_key)).toEqual(['email:author@test.local', 'email:author@test.local', 'email:author@test.local']);
    expect(queued.map((n) => n.subject).join(' | ')).toMatch(/передано.*продлён.*Ответ на обращение/);
    await drain();
    expect(mailsTo('author@test.local')).toHaveLength(3);
    expect(mailsTo('quiet@test.local')).toHaveLength(0);
  });
});
