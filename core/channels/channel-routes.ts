import express, { type Request, type Router } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '../auth/auth-user.js';
import { Channel, Role } from '../entities/enums.js';
import { badInput, forbidden, notFound, unauthenticated } from '../errors/errors.js';
import { callerOf } from './http-caller.js';
import { bodyErrors, handle } from './rest-errors.js';
import { channelModule, type ChannelServices } from './channel-module.js';
import { channelAdapter } from './adapter-registry.js';
import { MAX_WEBHOOK_RECORDS, prepareInput } from './import-job.service.js';
import { readPosOutbox } from './pos-outbox.service.js';
import { readImportJob } from './import-job.query.js';

/** Who may send records: channels' service accounts and the ЦУР's staff who load files. */
export const CHANNEL_SUBMITTERS: readonly Role[] = [Role.INTEGRATION, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN];
/** Who may follow an import's progress: who may submit, and the curator. */
const IMPORT_READERS: readonly Role[] = [...CHANNEL_SUBMITTERS, Role.CURATOR];

/** Uploads up to this size; a larger export is split by the source. */
const MAX_UPLOAD = '50mb';

async function requireCaller(app: ChannelServices, req: Request, roles: readonly Role[]): Promise<AuthUser> {
  const user = await callerOf(app, req);
  if (!user) throw unauthenticated();
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

function jsonParam(value: unknown, name: string): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw badInput(name, `${name}: ожидается строка JSON`);
  try {
    return JSON.parse(value);
  } catch {
    throw badInput(name, `${name}: некорректный JSON`);
  }
}

/**
 * REST endpoints of the channels:
 * - `GET /channels/pos/outbox?since=|cursor=&limit=`: status changes of ПОС messages for the connector;
 * - `GET /channels/imports/:id`: an import's progress (also `importJob(id)` in GraphQL);
 * and, only when the lifecycle's intake is wired:
 * - `POST /channels/pos/messages`: the ПОС webhook (one message or a batch), answered per record;
 * - `POST /channels/imports?adapter=&options=&fileName=`: a file import (ПОС JSON, CSV, XLSX, JSON lines), 202 with the job.
 */
export function channelRoutes(app: ChannelServices): Router {
  const router = express.Router();
  const module = channelModule(app);
  const em = () => app.orm.em.fork() as EntityManager;

  router.get(
    '/pos/outbox',
    handle(app.logger, async (req, res) => {
      // The ПОС's status feed is its connector's alone: an API key issued for the channel POS (not any INTEGRATION account).
      const caller = await requireCaller(app, req, [Role.INTEGRATION]);
      if (!caller.apiKeyId || caller.apiKeyChannel !== Channel.POS) throw forbidden('Ленту статусов ПОС читает только ключ API канала ПОС');
      const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
      const page = await readPosOutbox(
        em(),
        { since: req.query.since as string | undefined, cursor: req.query.cursor as string | undefined, limit },
        app.clock.now(),
      );
      res.json(page);
    }),
  );

  router.get(
    '/imports/:id',
    handle(app.logger, async (req, res) => {
      const user = await requireCaller(app, req, IMPORT_READERS);
      const job = await readImportJob(em(), String(req.params.id), user);
      if (!job) throw notFound('Загрузка', String(req.params.id));
      res.json(job);
    }),
  );

  const { ingest, imports } = module;
  if (ingest && imports) {
    router.post(
      '/pos/messages',
      express.json({ limit: '10mb' }),
      handle(app.logger, async (req, res) => {
        const user = await requireCaller(app, req, CHANNEL_SUBMITTERS);
        const adapter = channelAdapter('pos');
        const records = await prepareInput(adapter, Buffer.from(JSON.stringify(req.body ?? null)), {}, module.contextFor(app.clock.now()));
        if (records.length > MAX_WEBHOOK_RECORDS) {
          throw badInput('messages', `Не больше ${MAX_WEBHOOK_RECORDS} сообщений за вызов; большие пакеты загружайте через POST /channels/imports?adapter=pos`);
        }
        const results = await ingest.ingest(adapter, records, { actor: { user }, submittedBy: user.id });
        res.json({ results });
      }),
    );

    router.post(
      '/imports',
      express.raw({ type: () => true, limit: MAX_UPLOAD }),
      handle(app.logger, async (req, res) => {
        const user = await requireCaller(app, req, CHANNEL_SUBMITTERS);
        if (!Buffer.isBuffer(req.body) || !req.body.length) throw badInput('file', 'Пустое тело запроса: пришлите файл');
        const id = await imports.start({
          adapter: String(req.query.adapter ?? ''),
          input: req.body,
          options: jsonParam(req.query.options, 'options'),
          fileName: typeof req.query.fileName === 'string' ? req.query.fileName : null,
          user,
        });
        res
          .status(202)
          .location(`/channels/imports/${id}`)
          .json(await readImportJob(em(), id, user));
      }),
    );
  }
  router.use(bodyErrors(app.logger));
  return router;
}
