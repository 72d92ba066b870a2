import express, { type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { errorCode } from '../errors/errors.js';
import { callerOf } from '../channels/http-caller.js';
import { channelModule } from '../channels/channel-module.js';
import { prepareItem } from '../channels/channel-ingest.service.js';
import { open311Adapter } from '../channels/adapters/open311.adapter.js';
import { formatOfPath, Open311Error, sendError, sendList, sendObject, sendTooManyRequests, splitFormat, type Open311Format } from './open311-format.js';
import { pgQuery } from '../db/pg-query.js';
import { discovery } from './open311-discovery.js';
import type { RateLimits } from '../http/rate-limit.js';
import { coerceAttributes, findService, listServices, serviceAttributes } from './open311-services.js';
import { findRequests, readFilters, serviceNotice } from './open311-requests.js';

/** Who may file through Open311: channels' accounts, and the ЦУР's staff entering on a resident's behalf. */
const FILERS: readonly Role[] = [Role.INTEGRATION, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN];

type Handler = (req: Request, res: Response, format: Open311Format, name: string) => Promise<void>;

/** Routes `<name>.json` / `<name>.xml`; errors answer in the spec's format. */
function route(app: AppServices, handler: Handler) {
  return (req: Request, res: Response) => {
    const split = splitFormat(String(req.params.file));
    if (!split) {
      sendError(res, 'json', 404, 'Ожидается .json или .xml');
      return;
    }
    const [name, format] = split;
    handler(req, res, format, name).catch((error) => {
      if (error instanceof Open311Error) return sendError(res, format, error.code, error.message);
      const code = errorCode(error);
      if (code === 'UNAUTHENTICATED') return sendError(res, format, 401, (error as Error).message);
      if (code === 'FORBIDDEN') return sendError(res, format, 403, (error as Error).message);
      app.logger.error({ err: error }, 'open311: unexpected error');
      sendError(res, format, 500, 'Внутренняя ошибка сервера');
    });
  };
}

async function caller(app: AppServices, req: Request): Promise<AuthUser> {
  const user = await callerOf(app, req);
  if (!user) throw new Open311Error(401, 'Нужен ключ API учётной записи канала (api_key) или токен');
  return user;
}

/**
 * `attribute[code]=value` form fields → { code: value }; a multivaluelist
 * attribute comes as `attribute[code][]=a&attribute[code][]=b` → { code: [a, b] }
 * (one `attribute[code][]` is still a list). A JSON body may send `attribute` as an object.
 */
export function attributesOf(body: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const text = (value: unknown) => (Array.isArray(value) ? value.map(String) : String(value));
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match) continue;
    values[match[1]] = match[2] ? [value].flat().map(String) : Array.isArray(value) ? String(value.at(-1)) : String(value);
  }
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)) {
    for (const [key, value] of Object.entries(body.attribute)) values[key] = text(value);
  }
  return values;
}

/**
 * Open311 GeoReport v2 at /open311/v2, every endpoint as `.json` and `.xml`:
 * `services`, `services/{code}` (the catalogue holds nothing personal),
 * `requests` and `requests/{id}`: without a key, as the spec allows, the
 * public list (the catalogue's services only, texts masked as for a role
 * without access to personal data, rate-limited per address by
 * OPEN311_PUBLIC_PER_MINUTE); with a channel account's key or a staff
 * token, what that caller may follow (a channel account: the requests it
 * filed). `POST requests` is mounted only when the lifecycle's intake is wired.
 */
export function open311Routes(app: AppServices, limits: RateLimits): Router {
  const router = express.Router();
  const module = channelModule(app);
  const em = () => app.orm.em.fork() as EntityManager;
  const publicServices = () => listServices(app.plugins).map((service) => service.service_code);

  router.use(limits.addressLimit(sendTooManyRequests), limits.anonymousLimit(app.config.OPEN311_PUBLIC_PER_MINUTE, sendTooManyRequests));

  router.get(
    '/:file',
    route(app, async (req, res, format, name) => {
      if (name === 'services') return sendList(res, format, 'services', 'service', listServices(app.plugins));
      if (name === 'discovery') return sendObject(res, format, 'discovery', discovery(app, req));
      if (name === 'requests') {
        const user = await callerOf(app, req);
        const requests = await findRequests(em(), user, readFilters(req.query), app.clock.now(), publicServices(), app.config.TIME_ZONE);
        return sendList(res, format, 'service_requests', 'request', requests);
      }
      throw new Open311Error(404, `Нет ресурса «${name}»`);
    }),
  );

  router.get(
    '/services/:file',
    route(app, async (_req, res, format, code) => {
      const service = findService(app.plugins, code);
      if (!service) throw new Open311Error(404, `Нет услуги «${code}»`);
      sendObject(res, format, 'service_definition', { service_code: code, attributes: serviceAttributes(service.plugin) });
    }),
  );

  router.get(
    '/requests/:file',
    route(app, async (req, res, format, id) => {
      const user = await callerOf(app, req);
      const [request] = await findRequests(em(), user, { serviceRequestIds: [id] }, app.clock.now(), publicServices(), app.config.TIME_ZONE);
      if (!request) throw new Open311Error(404, `Нет заявки «${id}»`);
      sendList(res, format, 'service_requests', 'request', [request]);
    }),
  );

  const { ingest } = module;
  if (ingest) {
    router.post(
      '/:file',
      express.urlencoded({ extended: false, limit: '1mb' }),
      express.json({ limit: '1mb' }),
      route(app, async (req, res, format, name) => {
        if (name !== 'requests') throw new Open311Error(404, `Нет ресурса «${name}»`);
        const user = await caller(app, req);
        if (!FILERS.includes(user.role)) throw new Open311Error(403, 'Этой учётной записи нельзя подавать заявки');
        const body = (req.body ?? {}) as Record<string, unknown>;
        const service = typeof body.service_code === 'string' ? findService(app.plugins, body.service_code) : null;
        const { api_key: _key, attribute: _a, ...fields } = body;
        const record: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([key]) => !key.startsWith('attribute[')));
        const attributes = attributesOf(body);
        if (Object.keys(attributes).length) record.attributes = service ? coerceAttributes(service.plugin, attributes) : attributes;
        // A client that retries sends the same Idempotency-Key and gets the same request back.
        const key = req.get('idempotency-key')?.trim();
        if (key && key.length > 100) throw new Open311Error(400, 'Idempotency-Key: не длиннее 100 символов');
        const options = { externalId: `${user.id}:${key || randomUUID()}` };
        const prepared = prepareItem(open311Adapter, { position: 1, record }, options, module.contextFor(app.clock.now()));
        const [result] = await ingest.ingest(open311Adapter, [prepared], { actor: { user }, submittedBy: user.id });
        if (result.outcome === 'REJECTED') throw new Open311Error(400, result.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
        if (result.outcome === 'PENDING_RETRY') throw new Open311Error(503, 'Заявка сохранена, но пока не принята; повторите запрос с тем же Idempotency-Key');
        const [row] = await pgQuery<{ number: string; due_at: Date | null }>(em(), 'select number, due_at from appeal where id = $1', [result.appealId], {
          prepared: true,
        });
        const notice = serviceNotice(row.due_at ? new Date(row.due_at) : null, app.config.TIME_ZONE);
        sendList(res, format, 'service_requests', 'request', [{ service_request_id: row.number, service_notice: notice, account_id: null }], 201);
      }),
    );
  }
  // Anything else under /open311 (a deeper path, another method) is an error array too, never Express's HTML page.
  router.use((req: Request, res: Response) => {
    const known = ['GET', 'HEAD', 'POST'].includes(req.method);
    if (!known) res.setHeader('Allow', 'GET, HEAD, POST');
    sendError(res, formatOfPath(req.path), known ? 404 : 405, known ? `Нет ресурса «${req.path}»` : `Метод ${req.method} здесь не поддерживается`);
  });
  return router;
}
