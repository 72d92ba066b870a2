import { createHash } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { RateLimits } from '../http/rate-limit.js';
import { pgQuery } from '../db/pg-query.js';
import { publicAnnouncementRows } from './announcement-query.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /public/announcements.json?municipalityId=&at=`: the announcements in
 * force, for the region's sites and widgets. Anonymous, rate-limited per
 * address, no personal data (kind, title, text, period, audience, the
 * speaking body's name), and cacheable: an ETag of the body, 304 on a
 * matching If-None-Match, a minute of public caching.
 */
export function registerPublicAnnouncementRoutes(expressApp: Express, app: CoreServices): void {
  const limits = new RateLimits(app.config);
  expressApp.get('/public/announcements.json', limits.addressLimit(), async (req: Request, res: Response, next) => {
    try {
      const municipalityId = typeof req.query.municipalityId === 'string' && req.query.municipalityId ? req.query.municipalityId : null;
      if (municipalityId && !UUID.test(municipalityId)) {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', field: 'municipalityId', message: 'Некорректный идентификатор муниципалитета' } });
        return;
      }
      const atText = typeof req.query.at === 'string' ? req.query.at : null;
      const at = atText ? new Date(atText) : app.clock.now();
      if (Number.isNaN(at.getTime())) {
        res.status(400).json({ error: { code: 'BAD_USER_INPUT', field: 'at', message: 'at: ожидается дата и время ISO 8601' } });
        return;
      }
      const em = app.orm.em.fork() as EntityManager;
      const rows = await publicAnnouncementRows(em, municipalityId, at);
      const orgIds = [...new Set(rows.map((r) => r.organization?.id).filter((id): id is string => Boolean(id)))];
      const names = new Map<string, string>();
      if (orgIds.length) {
        const orgs = await pgQuery<{ id: string; name: string }>(em, 'select id, name from organization where id = any($1::uuid[])', [orgIds]);
        for (const org of orgs) names.set(org.id, org.name);
      }
      const body = JSON.stringify({
        announcements: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          validFrom: r.validFrom.toISOString(),
          validTo: r.validTo?.toISOString() ?? null,
          organization: r.organization ? (names.get(r.organization.id) ?? null) : null,
          municipalityIds: r.audience.municipalityIds,
          settlements: r.audience.settlements,
          streets: r.audience.streets,
        })),
      });
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      res.setHeader('etag', etag);
      res.setHeader('cache-control', 'public, max-age=60');
      const match = req.headers['if-none-match'];
      if (
        match &&
        match
          .split(',')
          .map((s) => s.trim().replace(/^W\//, ''))
          .includes(etag)
      ) {
        res.status(304).end();
        return;
      }
      res.type('application/json').send(body);
    } catch (error) {
      next(error);
    }
  });
}
