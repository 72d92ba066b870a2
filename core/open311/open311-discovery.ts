import type { Request, Response } from 'express';
import type { AppServices } from '../app/app-services.js';
import { formatOfPath, sendError, sendObject, splitFormat } from './open311-format.js';

/** The date this interface last changed in a way a 311 client would notice (GeoReport v2 `changeset`). */
const CHANGESET = '2026-12-07T00:00:00Z';

/**
 * GeoReport v2 service discovery (wiki.open311.org/Service_Discovery): where
 * the endpoint is, which formats it speaks, and whom to ask for a key. The
 * URL is the one the client reached us by (behind a proxy, as TRUST_PROXY
 * lets Express read it), so it is right on every deployment.
 */
export function discovery(app: AppServices, req: Request) {
  const base = `${req.protocol}://${req.get('host')}/open311/v2`;
  return {
    changeset: CHANGESET,
    contact: `Центр управления регионом, ${app.region.region.name}`,
    key_service: 'Ключ API выдаёт администратор ЦУР (мутация createApiKey); без ключа доступны услуги и публичный список заявок',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: base,
        changeset: CHANGESET,
        type: app.config.NODE_ENV === 'production' ? 'production' : 'test',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

/**
 * What /open311 answers outside /open311/v2: `GET discovery.json` (and
 * `.xml`), the spec's place for discovery; anything else is an error array
 * in the format the path asks for, never Express's HTML page.
 */
export function open311Fallback(app: AppServices) {
  return (req: Request, res: Response) => {
    const split = splitFormat(req.path.replace(/^\//, ''));
    if (split?.[0] === 'discovery' && (req.method === 'GET' || req.method === 'HEAD')) return sendObject(res, split[1], 'discovery', discovery(app, req));
    sendError(res, formatOfPath(req.path), 404, `Нет ресурса «${req.originalUrl.split('?')[0]}»; интерфейс GeoReport v2 — /open311/v2`);
  };
}
