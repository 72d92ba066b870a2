import express, { type Express, type Request, type Response } from 'express';
import type { CoreServices } from '../config/core-services.js';
import { pgQuery } from '../db/pg-query.js';
import { tokenHash } from './opt-out-token.js';
import { optOutPage } from './templates.js';
import type { EntityManager } from '@mikro-orm/postgresql';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: Response, status: number, text: string, form?: string) {
  res
    .status(status)
    .setHeader('cache-control', 'no-store')
    .type('html')
    .send(
      `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>${optOutPage.title}</title></head><body><h1>${optOutPage.title}</h1><p>${escapeHtml(text)}</p>` +
        (form ? `<form method="post"><input type="hidden" name="token" value="${escapeHtml(form)}"><button>${optOutPage.button}</button></form>` : '') +
        `</body></html>`,
    );
}

async function knownToken(app: CoreServices, token: unknown): Promise<string | null> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const em = app.orm.em.fork() as EntityManager;
  const [row] = await pgQuery<{ contact_key: string }>(em, 'select contact_key from notification_contact where token_hash = $1', [tokenHash(token)], {
    prepared: true,
  });
  return row?.contact_key ?? null;
}

/**
 * The opt-out link of every message: GET shows a confirmation (a mail
 * scanner that follows links must not unsubscribe anyone), POST records the
 * opt-out. The token names the contact; only its hash is stored. Public and
 * free of personal data: the page does not show the address.
 */
export function registerOptOutRoutes(expressApp: Express, app: CoreServices): void {
  expressApp.get('/notifications/opt-out', async (req: Request, res: Response, next) => {
    try {
      const token = req.query.token;
      if (!(await knownToken(app, token))) return page(res, 404, optOutPage.invalid);
      page(res, 200, optOutPage.confirm, token as string);
    } catch (error) {
      next(error);
    }
  });
  expressApp.post('/notifications/opt-out', express.urlencoded({ extended: false, limit: '2kb' }), async (req: Request, res: Response, next) => {
    try {
      const token = (req.body as Record<string, unknown> | undefined)?.token ?? req.query.token;
      const contact = await knownToken(app, token);
      if (!contact) return page(res, 404, optOutPage.invalid);
      const em = app.orm.em.fork() as EntityManager;
      await pgQuery(em, 'update notification_contact set opted_out_at = coalesce(opted_out_at, $2) where contact_key = $1', [contact, app.clock.now()]);
      // What is still queued for this contact is not sent.
      await pgQuery(
        em,
        `update notification_outbox set status = 'FAILED', last_error = 'отказ от уведомлений' where recipient_key = $1 and status = 'QUEUED'`,
        [contact],
      );
      page(res, 200, optOutPage.done);
    } catch (error) {
      next(error);
    }
  });
}
