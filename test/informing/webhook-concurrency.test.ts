import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { drainOutbox } from '../../core/notifications/delivery.service.js';
import { closeTransports } from '../../core/notifications/transports.js';
import { ok, register, staff, type Staff } from '../lifecycle/lifecycle-helpers.js';
import { A, municipalityId, publishNew } from './informing-helpers.js';

/**
 * NOTIFY_WEBHOOK_CONCURRENCY bounds the SMS webhook requests a drain keeps in
 * flight. The gateway below counts the requests it holds at once: it answers
 * a window of requests together, after the bound is reached (plus a grace in
 * which a request beyond the bound would show up) or, for the last ones, after
 * a pause; so a drain that ignored the bound would be seen above it.
 */
const BOUND = 3;
const RECIPIENTS = 14;

function startCountingGateway() {
  const held: ServerResponse[] = [];
  const seen: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let timerForFull = false;
  const releaseAll = () => {
    timer = null;
    const window = held.splice(0);
    inFlight -= window.length;
    for (const res of window) res.end('{}');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push(JSON.parse(Buffer.concat(chunks).toString('utf8')).to);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.statusCode = 200;
      held.push(res);
      if (inFlight >= BOUND && !timerForFull) {
        // The bound is reached: a little grace for a request beyond it to arrive, then answer the window.
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => ((timerForFull = false), releaseAll()), 150);
        timerForFull = true;
      } else if (!timer) {
        timer = setTimeout(releaseAll, 400);
      }
    });
  });
  return new Promise<{ url: string; stats: () => { maxInFlight: number; seen: string[] }; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
        stats: () => ({ maxInFlight, seen }),
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

let t: TestApp;
let s: Staff;
let gateway: Awaited<ReturnType<typeof startCountingGateway>>;

beforeAll(async () => {
  gateway = await startCountingGateway();
  t = await startTestApp({
    env: { NOTIFY_CHANNELS: 'sms', SMS_WEBHOOK_URL: gateway.url, NOTIFY_WEBHOOK_CONCURRENCY: String(BOUND), NOTIFY_DELIVERY_INTERVAL_SECONDS: '0' },
  });
  s = await staff(t);
});
afterAll(async () => {
  if (t) closeTransports(t.running.app);
  await t?.stop();
  await gateway?.close();
});

describe('NOTIFY_WEBHOOK_CONCURRENCY', () => {
  it('keeps at most that many webhook requests in flight, and uses them all', async () => {
    const place = await municipalityId(t, 'kozmodemyansk');
    for (let i = 0; i < RECIPIENTS; i++) {
      await register(t, s.integration, {
        channel: 'SOCIAL_MEDIA',
        text: 'Нет воды',
        receivedAt: t.clock.now().toISOString(),
        municipalityId: place,
        category: 'housing.water-supply',
        author: { phone: `+7 900 200-00-${String(i).padStart(2, '0')}`, notifyConsent: true },
      });
    }
    const announcement = await publishNew(t, s.specialist, {
      kind: 'OUTAGE',
      title: 'Отключение воды',
      body: 'Подвоз воды у администрации.',
      validFrom: new Date(t.clock.now().getTime() - 3_600_000).toISOString(),
      validTo: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      audience: { municipalityIds: [place], categories: ['housing.water-supply'] },
    });
    const done = await drainOutbox(t.running.app);
    expect(done).toMatchObject({ sent: RECIPIENTS, failed: 0, retried: 0 });
    const { maxInFlight, seen } = gateway.stats();
    expect(new Set(seen).size).toBe(RECIPIENTS);
    expect(seen).toHaveLength(RECIPIENTS);
    expect(maxInFlight).toBe(BOUND);
    expect((await ok(t, A.read, { id: announcement.id }, s.specialist)).deliveries).toMatchObject({ queued: 0, sent: RECIPIENTS, failed: 0 });
  });
});
