/**
 * Informing figures (docs/informing.md):
 * - an announcement queued to 50,000 residents (publishAnnouncement: the
 *   outbox rows are written in the publishing transaction), target < 5 s;
 * - the outbox drained to a local SMTP server (smtp-server in this process,
 *   nodemailer's pool), target ≥ 200 messages/s (BENCH_DRAIN messages, 5,000 by default);
 * - the cost of matching at intake: registerAppeal with no announcement
 *   published vs with one that matches (target: < 1 ms more), and the
 *   in-memory matching alone.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:announcements
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import nodemailer from 'nodemailer';
import { cpus, loadavg, tmpdir } from 'node:os';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:net';
import { loadConfig } from '../core/config/config.js';
import { createLogger } from '../core/logging/logger.js';
import { startApp } from '../core/server/start-app.js';
import { createScratchDatabase } from '../core/db/scratch-database.js';
import { Role } from '../core/entities/enums.js';
import { allPlugins } from '../plugins/index.js';
import { registerAppeal } from '../core/lifecycle/register-appeal.service.js';
import { createAnnouncement, moveAnnouncement } from '../core/announcements/announcement.service.js';
import { AnnouncementKind } from '../core/announcements/announcement-enums.js';
import { drainOutbox } from '../core/notifications/delivery.service.js';
import { closeTransports, emailConcurrency, smtpPoolOptions } from '../core/notifications/transports.js';
import { matchAnnouncement } from '../core/announcements/intake-matching.js';
import { activeAnnouncements } from '../core/announcements/active-announcements.js';
import { pgQuery } from '../core/db/pg-query.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 50_000);
const DRAIN = Number(process.env.BENCH_DRAIN ?? 5_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 300);

let accepted = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      accepted++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const smtpPort = ((smtp as unknown as { server: Server }).server.address() as AddressInfo).port;

const database = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'cur_bench') : null;
const config = loadConfig({
  PORT: '0',
  DEMO: '0',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'bench-secret-at-least-16-chars',
  NOTIFY_CHANNELS: 'email',
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  NOTIFY_DELIVERY_INTERVAL_SECONDS: '0',
  NOTIFY_BATCH_SIZE: '500',
  NOTIFY_SMTP_CONNECTIONS: process.env.NOTIFY_SMTP_CONNECTIONS ?? '10',
  DEADLINE_WATCH_INTERVAL_SECONDS: '0',
  ANALYTICS_ROLLUP_INTERVAL_SECONDS: '0',
  DB_STATEMENT_TIMEOUT_MS: '0',
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: mkdtempSync(join(tmpdir(), 'cur-bench-')) }),
});
const running = await startApp({ config, plugins: allPlugins, logger: createLogger('silent') });
const { app } = running;
const em = () => app.orm.em.fork() as EntityManager;
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const step = (what: string) => process.stderr.write(`${new Date().toISOString()} ${what}\n`);
try {
  const [user] = await pgQuery<{ id: string }>(
    em(),
    `insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    values (gen_random_uuid(), 'bench@local', '!', 'Bench', 'CENTER_SPECIALIST', '{}', (select id from organization where code = 'cur')) returning id`,
    [],
  );
  const specialist = { id: user!.id, role: Role.CENTER_SPECIALIST, organizationId: null, sectors: [] };
  const [place] = await pgQuery<{ id: string }>(em(), `select id from municipality where code = 'kozmodemyansk'`, []);
  const [other] = await pgQuery<{ id: string }>(em(), `select id from municipality where code = 'volzhsk'`, []);
  const now = Date.now();
  let n = 0;
  const register = (municipalityId: string) =>
    registerAppeal(
      app,
      em(),
      { label: 'bench' },
      {
        channel: 'SOCIAL_MEDIA',
        externalId: `bench-reg-${++n}`,
        text: 'Нет холодной воды',
        receivedAt: new Date(),
        municipalityId,
        category: 'housing.water-supply',
      },
    );
  const timeRegistrations = async (municipalityId: string) => {
    for (let i = 0; i < 20; i++) await register(municipalityId); // warm-up
    const started = process.hrtime.bigint();
    for (let i = 0; i < REGISTRATIONS; i++) await register(municipalityId);
    return ms(started) / REGISTRATIONS;
  };
  step('registrations without announcements');
  const baseline = await timeRegistrations(place!.id);
  step(`seeding ${RECIPIENTS} residents`);

  // 50,000 residents who wrote about water in the town and agreed to notices.
  const { appeal: template } = await register(place!.id);
  let started = process.hrtime.bigint();
  // Seeded in bulk as the owner with the row triggers off (the analytics rollup's dirty marks would cost
  // minutes here, and are not what is measured); the API's own role may not switch them off.
  const owner = new pg.Client({ connectionString: database?.url ?? running.db.url });
  await owner.connect();
  try {
    await owner.query('begin');
    await owner.query('set local session_replication_role = replica');
    await owner.query(
      `insert into appeal select (jsonb_populate_record(null::appeal, to_jsonb(t) || jsonb_build_object(
      'id', gen_random_uuid(), 'external_id', 'bench-r' || g, 'number', 'BENCH-' || g,
      'author_email', 'resident' || g || '@bench.local', 'author_email_key', 'resident' || g || '@bench.local', 'author_notify_consent', true))).*
    from appeal t, generate_series(1, $2::int) g where t.id = $1`,
      [template.id, RECIPIENTS],
    );
    await owner.query('commit');
  } finally {
    await owner.end();
  }
  const seeded = ms(started);

  const draft = await createAnnouncement(app, em(), specialist, {
    kind: AnnouncementKind.OUTAGE,
    title: 'Отключение холодной воды',
    body: 'Авария на водоводе; подвоз воды у администрации.',
    validFrom: new Date(now - 3_600_000),
    validTo: new Date(now + 86_400_000),
    audience: { municipalityIds: [place!.id], categories: ['housing.water-supply'] },
  });
  const approved = await moveAnnouncement(app, em(), specialist, { id: draft.id, move: 'approve', expectedVersion: draft.version });
  step('publishing');
  started = process.hrtime.bigint();
  await moveAnnouncement(app, em(), specialist, { id: approved.id, move: 'publish', expectedVersion: approved.version });
  const queueMs = ms(started);
  const [{ queued }] = (await pgQuery<{ queued: number }>(em(), `select count(*)::int as queued from notification_outbox where status = 'QUEUED'`, [])) as [
    { queued: number },
  ];

  step('registrations with a matching announcement');
  const matched = await timeRegistrations(place!.id);
  const unmatched = await timeRegistrations(other!.id);
  const [{ answered }] = (await pgQuery<{ answered: number }>(em(), 'select count(*)::int as answered from appeal_announcement', [])) as [{ answered: number }];

  // The in-memory step alone, with the list as the intake sees it.
  const list = await activeAnnouncements(em());
  const facts = {
    municipalityId: place!.id,
    sectorCode: 'housing',
    categoryCode: 'housing.water-supply',
    receivedAt: now,
    needsStructuring: false,
    text: 'Нет холодной воды',
    address: null,
  };
  const CALLS = 100_000;
  started = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) matchAnnouncement(list, facts, () => []);
  const matchUs = (ms(started) * 1000) / CALLS;

  // The reference, same run: the same SMTP client settings sending DRAIN messages of the announcement's
  // size straight to the same server, as many at once as the outbox runs (no database at all).
  step('raw SMTP reference');
  const raw = nodemailer.createTransport(config.SMTP_URL!, smtpPoolOptions(config) as never);
  const [sample] = await pgQuery<{ subject: string; body: string }>(em(), 'select subject, body from notification_message limit 1', []);
  let rawNext = 0;
  const rawBefore = accepted;
  let cpu = process.cpuUsage();
  started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: emailConcurrency(config) }, async () => {
      while (rawNext < DRAIN) {
        const i = rawNext++;
        await raw.sendMail({
          from: config.MAIL_FROM,
          to: `raw${i}@bench.local`,
          subject: sample!.subject,
          text: sample!.body,
          headers: { 'List-Unsubscribe': '<http://localhost/notifications/opt-out?token=x>', 'X-Outbox-Id': String(i) },
        });
      }
    }),
  );
  const rawMs = ms(started);
  const rawCpu = process.cpuUsage(cpu);
  raw.close();
  const rawAccepted = accepted - rawBefore;

  step('draining');
  const load = loadavg();
  accepted = 0;
  // The drain's memory: the heap sampled while it runs (a drain holds one batch and its rows in flight).
  const heapBefore = process.memoryUsage().heapUsed;
  let heapMax = heapBefore;
  const heapSampler = setInterval(() => (heapMax = Math.max(heapMax, process.memoryUsage().heapUsed)), 50);
  cpu = process.cpuUsage();
  started = process.hrtime.bigint();
  const drained = await drainOutbox(app, { limit: DRAIN }).finally(() => clearInterval(heapSampler));
  const drainMs = ms(started);
  const drainCpu = process.cpuUsage(cpu);
  const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);
  // CPU of this process (client and the in-process server) per message: what the rate would be on one free core.
  const cpuMsPer = (usage: NodeJS.CpuUsage, n: number) => +((usage.user + usage.system) / 1000 / n).toFixed(2);

  console.log(
    JSON.stringify(
      {
        recipients: RECIPIENTS,
        seedAppealsMs: Math.round(seeded),
        queue: { rows: queued, ms: Math.round(queueMs), target: '< 5000 ms' },
        drain: {
          sent: drained.sent,
          failed: drained.failed,
          smtpAccepted: accepted,
          ms: Math.round(drainMs),
          perSecond: Math.round(drained.sent / (drainMs / 1000)),
          target: '>= 200/s',
          rawSmtpPerSecond: Math.round(rawAccepted / (rawMs / 1000)),
          ratioToRawSmtp: +(drained.sent / drainMs / (rawAccepted / rawMs)).toFixed(2),
          nodeCpuMsPerMessage: cpuMsPer(drainCpu, drained.sent),
          rawSmtpNodeCpuMsPerMessage: cpuMsPer(rawCpu, rawAccepted),
          smtpConnections: config.NOTIFY_SMTP_CONNECTIONS,
          heapMb: { before: mb(heapBefore), max: mb(heapMax), after: mb(process.memoryUsage().heapUsed) },
          loadAverage: load.map((l) => +l.toFixed(2)),
          cores: cpus().length,
        },
        registration: {
          withoutAnnouncementMs: +baseline.toFixed(3),
          matchedMs: +matched.toFixed(3),
          publishedNotMatchingMs: +unmatched.toFixed(3),
          addedByMatchingMs: +(matched - baseline).toFixed(3),
          matchedAppeals: answered,
          inMemoryMatchUs: +matchUs.toFixed(3),
          target: '< 1 ms added',
        },
      },
      null,
      2,
    ),
  );
} finally {
  closeTransports(app);
  await running.stop();
  await database?.drop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
}
