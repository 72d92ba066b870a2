import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { drainOutbox } from '../../core/notifications/delivery.service.js';
import { closeTransports } from '../../core/notifications/transports.js';
import { ext, ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { municipalityId, publishNew } from './informing-helpers.js';
import { startSmtp } from './mail-servers.js';

/**
 * The author's notice of an announcement's answer at intake is queued by the
 * registration's own statement: committed with the appeal (the same
 * transaction, so no crash after the commit can lose it), with the number
 * the statement gave the appeal, and only to a consenting contact that has
 * not opted out.
 */
let t: TestApp;
let s: Staff;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let kozmo: string;
const clock = new ManualClock(new Date());
const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await startTestApp({ clock, env: { NOTIFY_CHANNELS: 'email,sms', SMTP_URL: smtp.url, SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms' } });
  s = await staff(t);
  kozmo = await municipalityId(t, 'kozmodemyansk');
  await publishNew(t, s.specialist, {
    kind: 'OUTAGE',
    title: 'Отключение холодной воды',
    body: 'Авария на водоводе, подвоз воды у администрации.',
    validFrom: new Date(clock.now().getTime() - HOUR).toISOString(),
    validTo: new Date(clock.now().getTime() + 24 * HOUR).toISOString(),
    audience: { municipalityIds: [kozmo], categories: ['housing.water-supply'] },
  });
});
afterAll(async () => {
  closeTransports(t.running.app);
  await t?.stop();
  await smtp?.close();
});

const intake = (author: Record<string, unknown>) => ({
  channel: 'SOCIAL_MEDIA',
  externalId: ext('notice'),
  text: 'Нет холодной воды',
  receivedAt: clock.now().toISOString(),
  municipalityId: kozmo,
  category: 'housing.water-supply',
  author,
});

/** The appeal's notices, each with whether its message and outbox row were written by the appeal's own transaction. */
const noticesOf = async (appealId: string) =>
  (await t.em().execute(
    `select m.subject, m.body, o.channel, o.recipient_key, o.status, m.xmin::text = a.xmin::text as with_appeal, o.xmin::text = a.xmin::text as row_with_appeal
     from appeal a join appeal_event e on e.appeal_id = a.id and e.type = 'ANNOUNCEMENT_MATCHED'
     join notification_message m on m.source = 'appeal-event' and m.source_id = e.id
     join notification_outbox o on o.message_id = m.id
     where a.id = ? order by o.channel`,
    [appealId],
  )) as any[];

describe("the author's notice of an announcement's answer at intake", () => {
  it('is queued in the registration’s own transaction, per channel, with the appeal’s number', async () => {
    const { appeal } = await register(t, s.integration, intake({ email: 'water@test.local', phone: '+7 900 555-44-33', notifyConsent: true }));
    // Read at once, no waiting: it was committed with the appeal.
    const notices = await noticesOf(appeal.id);
    expect(notices.map((n) => [n.channel, n.recipient_key, n.status])).toEqual([
      ['EMAIL', 'email:water@test.local', 'QUEUED'],
      ['SMS', 'phone:9005554433', 'QUEUED'],
    ]);
    expect(notices.every((n) => n.with_appeal && n.row_with_appeal)).toBe(true);
    expect(notices[0].subject).toBe(`По вашему обращению № ${appeal.number}: Отключение холодной воды`);
    expect(notices[0].body).toContain('Авария на водоводе');
    expect(notices[0].body).not.toContain('{{appealNumber}}');

    const before = smtp.received.length;
    await drainOutbox(t.running.app, { limit: 10 });
    const mail = smtp.received.slice(before).find((m) => m.to.includes('water@test.local'));
    expect(mail?.data).toContain('List-Unsubscribe:');
    expect(mail?.data).toMatch(/opt-out\?token=/);
  });

  it('goes to nobody without consent or contact, and leaves out a contact that opted out', async () => {
    const silent = await register(t, s.integration, intake({ email: 'silent@test.local' }));
    const anonymous = await register(t, s.integration, intake({ notifyConsent: true }));
    await t.asOwner(`insert into notification_contact (contact_key, token_hash, opted_out_at) values ('email:out@test.local', 'x', now())`);
    const optedOut = await register(t, s.integration, intake({ email: 'out@test.local', notifyConsent: true }));
    for (const { appeal } of [silent, anonymous, optedOut]) {
      const [matched] = await t.em().execute(`select count(*)::int as n from appeal_event where appeal_id = ? and type = 'ANNOUNCEMENT_MATCHED'`, [appeal.id]);
      expect(matched.n).toBe(1);
      expect(await noticesOf(appeal.id)).toEqual([]);
    }
  });

  it('an import queues it in the statement that writes its appeals, once per appeal even when a key is sent twice', async () => {
    const one = intake({ email: 'import@test.local', notifyConsent: true });
    const imported = await ok(
      t,
      `mutation($input: [RegisterAppealInput!]!) { importAppeals(input: $input) { created results { appealId } } }`,
      { input: [one, intake({ email: 'import2@test.local', notifyConsent: true }), one] },
      s.specialist,
    );
    expect(imported.created).toBe(2);
    const ids = [...new Set<string>(imported.results.map((r: any) => r.appealId))];
    expect(ids).toHaveLength(2);
    const [first, second] = await Promise.all(ids.map(noticesOf));
    expect(first!.map((n: any) => n.recipient_key)).toEqual(['email:import@test.local']);
    expect(second!.map((n: any) => n.recipient_key)).toEqual(['email:import2@test.local']);
    const [number] = await t.em().execute('select number from appeal where id = ?', [ids[0]]);
    expect(first![0].subject).toContain(`№ ${number.number}:`);
    expect([...first!, ...second!].every((n: any) => n.with_appeal && n.row_with_appeal)).toBe(true);
  });
});
