import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * HTTP security headers (helmet): `X-Content-Type-Options: nosniff`, a
 * Content-Security-Policy, `Referrer-Policy: no-referrer`, no framing, and the
 * rest of helmet's defaults, on every answer. The API answers JSON, so the
 * default policy allows nothing at all; the two HTML documents it serves
 * (GraphiQL, the monthly report) get a policy each of exactly what they load.
 * `frame-ancestors 'none'` everywhere: no page of another site may frame the
 * API's pages to trick a signed-in user into clicks (clickjacking).
 */
const LOCKED = { 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] };

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], ...LOCKED } },
    // Cross-origin clients (Open311 apps, dashboards) read the API with CORS; these would get in their way.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** GraphiQL: its scripts, styles and data: fonts from the local assets only; requests to this origin only; no inline script. */
export const graphiqlPolicy = (): RequestHandler =>
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      // GraphiQL's editor sets style attributes at run time.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      ...LOCKED,
    },
  });

/** The monthly report as HTML: its own inline stylesheet and inline SVG, nothing loaded, nothing run. */
export const reportDocumentPolicy = (): RequestHandler =>
  helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'style-src': ["'unsafe-inline'"], 'img-src': ['data:'], ...LOCKED },
  });
