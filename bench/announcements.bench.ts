/**
 * Informing figures (docs/informing.md):
 * - an announcement queued to 50,000 residents (publishAnnouncement: the
 *   outbox rows are written in the publishing transaction), target < 5 s;
 * - the outbox drained to a local SMTP server (smtp-server in a child process,
 *   bench/smtp-sink.ts; nodemailer's pool of NOTIFY_SMTP_CONNECTIONS), target
 *   ≥ 200 messages/s (BENCH_DRAIN messages, 5,000 by default), beside the raw
 *   nodemailer client sending the same messages to the same server;
 * - the cost of matching at intake: registerAppeal by consenting authors,
 *   one matching the published announcement then one not, in turns (target:
 *   < 1 ms more), the same before anything was published, and the in-memory
 *   matching alone.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:announcements
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import pg from 'pg';
import nodemailer from 'nodemailer';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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

// The SMTP server runs in a process of its own (bench/smtp-sink.ts): its CPU is not the drain's.
const sink = fork(fileURLToPath(new URL('./smtp-sink.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
const ask = <T>(message: object, pick: (reply: any) => boolean): Promise<T> =>
  new Promise((resolve) => {
    const on = (reply: any) => {
      if (!pick(reply)) return;
      sink.off('message', on);
      resolve(reply as T);
    };
    sink.on('message', on);
    if (Object.keys(message).length) sink.send(message);
  });
const { port: smtpPort } = await ask<{ port: number }>({}, (reply) => 'port' in reply);
const sinkCount = () => ask<{ accepted: number; cpuMs: number }>({ count: true }, (reply) => 'accepted' in reply);

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
  // 40 connections: the drain is bound by the SMTP round trips, not by its CPU (docs/informing.md, Speed).
  NOTIFY_SMTP_CONNECTIONS: process.env.NOTIFY_SMTP_CONNECTIONS ?? '40',
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
  // Each registration by a consenting author with an address of their own (no repeat detected): when the
  // announcement answers it, its notice is queued too.
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
        author: { email: `author${n}@bench.local`, notifyConsent: true },
      },
    );
  const timed = async (municipalityId: string) => {
    const from = process.hrtime.bigint();
    await register(municipalityId);
    return ms(from);
  };
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  /** Registrations in turns over the places given (one each per round), after a warm-up: the milliseconds of each, per place. */
  const timeRegistrations = async (...places: string[]) => {
    for (let i = 0; i < 20; i++) for (const place of places) await register(place); // warm-up
    const times = places.map(() => [] as number[]);
    for (let i = 0; i < REGISTRATIONS; i++) for (const [k, place] of places.entries()) times[k]!.push(await timed(place));
    return times.map((xs) => ({ meanMs: +mean(xs).toFixed(3), medianMs: +median(xs).toFixed(3) }));
  };
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
  step('registrations without announcements');
  const [baseline] = await timeRegistrations(place!.id);

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

  step('registrations with a matching announcement and without, in turns');
  const [matched, unmatched] = await timeRegistrations(place!.id, other!.id);
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
  const [sample] = await pgQuery<{ subject: string; body: string }>(
    em(),
    `select subject, body from notification_message where source <> 'appeal-event' limit 1`,
    [],
  );
  let rawNext = 0;
  const rawBefore = await sinkCount();
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
  const rawSink = await sinkCount();
  const rawAccepted = rawSink.accepted - rawBefore.accepted;

  step('draining');
  const load = loadavg();
  // The drain's memory: the heap sampled while it runs (a drain holds one batch and its rows in flight).
  const heapBefore = process.memoryUsage().heapUsed;
  let heapMax = heapBefore;
  const heapSampler = setInterval(() => (heapMax = Math.max(heapMax, process.memoryUsage().heapUsed)), 50);
  cpu = process.cpuUsage();
  started = process.hrtime.bigint();
  const drained = await drainOutbox(app, { limit: DRAIN }).finally(() => clearInterval(heapSampler));
  const drainMs = ms(started);
  const drainCpu = process.cpuUsage(cpu);
  const drainSink = await sinkCount();
  const loadAfter = loadavg();
  const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);
  // CPU per message of this process (the client) and of the server's: what the rate would be on a free core each.
  const cpuMsPer = (usage: NodeJS.CpuUsage, n: number) => +((usage.user + usage.system) / 1000 / n).toFixed(2);
  const sinkCpuMsPer = (from: { cpuMs: number }, to: { cpuMs: number }, n: number) => +((to.cpuMs - from.cpuMs) / n).toFixed(2);

  console.log(
    JSON.stringify(
      {
        recipients: RECIPIENTS,
        seedAppealsMs: Math.round(seeded),
        queue: { rows: queued, ms: Math.round(queueMs), target: '< 5000 ms' },
        drain: {
          sent: drained.sent,
          failed: drained.failed,
          smtpAccepted: drainSink.accepted - rawSink.accepted,
          ms: Math.round(drainMs),
          perSecond: Math.round(drained.sent / (drainMs / 1000)),
          target: '>= 200/s',
          rawSmtpPerSecond: Math.round(rawAccepted / (rawMs / 1000)),
          ratioToRawSmtp: +(drained.sent / drainMs / (rawAccepted / rawMs)).toFixed(2),
          nodeCpuMsPerMessage: cpuMsPer(drainCpu, drained.sent),
          rawSmtpNodeCpuMsPerMessage: cpuMsPer(rawCpu, rawAccepted),
          serverCpuMsPerMessage: sinkCpuMsPer(rawSink, drainSink, drainSink.accepted - rawSink.accepted),
          rawServerCpuMsPerMessage: sinkCpuMsPer(rawBefore, rawSink, rawAccepted),
          smtpConnections: config.NOTIFY_SMTP_CONNECTIONS,
          heapMb: { before: mb(heapBefore), max: mb(heapMax), after: mb(process.memoryUsage().heapUsed) },
          loadAverage: load.map((l) => +l.toFixed(2)),
          loadAverageAfter: loadAfter.map((l) => +l.toFixed(2)),
          cores: cpus().length,
        },
        registration: {
          registrationsEach: REGISTRATIONS,
          beforePublishing: baseline,
          matching: matched,
          notMatching: unmatched,
          // The same phase, in turns: what matching (its audit entry and the notice it queues) adds.
          addedByMatchingMs: { mean: +(matched!.meanMs - unmatched!.meanMs).toFixed(3), median: +(matched!.medianMs - unmatched!.medianMs).toFixed(3) },
          // The same as a share of a registration's median: on a loaded machine every figure stretches, the share less.
          addedByMatchingShareOfMedian: +((matched!.medianMs - unmatched!.medianMs) / unmatched!.medianMs).toFixed(3),
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
  sink.send({ stop: true });
}
