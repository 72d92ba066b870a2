import type { Response } from 'express';

export type Open311Format = 'json' | 'xml';

/** `services.json` → ['services', 'json']; null when the extension is neither. */
export function splitFormat(file: string): [string, Open311Format] | null {
  const match = /^(.+)\.(json|xml)$/i.exec(file);
  return match ? [match[1], match[2].toLowerCase() as Open311Format] : null;
}

/**
 * Characters XML 1.0 does not allow at all, not even escaped (§2.2 Char):
 * C0 controls but tab, newline and carriage return, U+FFFE/U+FFFF, and lone
 * surrogates. One of them in an appeal's text made the whole document
 * unreadable to a 311 client's parser; they carry nothing a reader needs.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this strips
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const escapeXml = (value: string) =>
  value.replace(XML_INVALID, '').replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

function xmlValue(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const child = name.endsWith('s') ? name.slice(0, -1) : 'item';
    return `<${name}>${value.map((v) => xmlValue(child, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => xmlValue(k, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A list as GeoReport v2 sends it: a JSON array, or XML `<root><item>…</item></root>`. */
export function sendList(res: Response, format: Open311Format, root: string, item: string, items: readonly object[], status = 200): void {
  if (format === 'json') {
    res.status(status).json(items);
    return;
  }
  const body = items.map((entry) => xmlValue(item, entry)).join('');
  res.status(status).type('application/xml').send(`<?xml version="1.0" encoding="utf-8"?><${root}>${body}</${root}>`);
}

/** One object (a service definition): JSON as is, XML under its root element. */
export function sendObject(res: Response, format: Open311Format, root: string, value: object): void {
  if (format === 'json') {
    res.json(value);
    return;
  }
  res.type('application/xml').send(`<?xml version="1.0" encoding="utf-8"?>${xmlValue(root, value)}`);
}

/** GeoReport v2 errors: `[{"code":404,"description":"…"}]`, with the same HTTP status. */
export function sendError(res: Response, format: Open311Format, code: number, description: string): void {
  sendList(res, format, 'errors', 'error', [{ code, description }], code);
}

/** The format a request asked for, from the last segment of its path (`requests.xml`); JSON when it names none. */
export function formatOfPath(path: string): Open311Format {
  return splitFormat(path.split('/').pop() ?? '')?.[1] ?? 'json';
}

/** A spent rate limit, answered in the spec's format with Retry-After. */
export function sendTooManyRequests(req: { path: string }, res: Response, retryAfter: number): void {
  res.setHeader('Retry-After', String(retryAfter));
  sendError(res, formatOfPath(req.path), 429, 'Слишком много запросов, повторите позже');
}

export class Open311Error extends Error {
  constructor(
    readonly code: number,
    description: string,
  ) {
    super(description);
  }
}
