import { z } from 'zod';
import { Channel } from '../entities/enums.js';

/**
 * The intake schema's (validate-intake.ts) answer for an intake of the
 * plain, valid kind every import row is, without running zod: zod's cost
 * per row (most of it while its code is still cold, as in a fresh process's
 * first import) was a tenth of the API's non-structuring work on a row.
 * `null` when the intake is anything but plainly valid: the schema then
 * decides, and words the error. What it returns is what the schema would:
 * the same keys in the schema's order (a key given, even as undefined, is
 * kept; one not given stays out; others are dropped), trimmed, blanks as
 * null, `receivedAt` a Date (plain-intake.test.ts compares the two).
 */
export function plainIntake(input: unknown, limits: { maxText: number; email: RegExp; phone: RegExp }): Record<string, unknown> | null {
  if (!isRecord(input)) return null;
  const out: Record<string, unknown> = {};
  if (typeof input.channel !== 'string' || !CHANNELS.has(input.channel)) return null;
  out.channel = input.channel;
  if ('externalId' in input) {
    const id = input.externalId;
    if (typeof id === 'string') {
      const trimmed = id.trim();
      if (trimmed.length < 1 || trimmed.length > 200) return null;
      out.externalId = trimmed;
    } else if (id == null) out.externalId = id;
    else return null;
  }
  if (typeof input.text !== 'string') return null;
  const text = input.text.trim();
  if (text.length < 1 || text.length > limits.maxText) return null;
  out.text = text;
  const received = input.receivedAt;
  if (received instanceof Date) out.receivedAt = received;
  else if (typeof received === 'string' && DATETIME.test(received)) out.receivedAt = new Date(received);
  else return null;
  if (Number.isNaN((out.receivedAt as Date).getTime())) return null;
  if ('fz59' in input) {
    if (input.fz59 != null && typeof input.fz59 !== 'boolean') return null;
    out.fz59 = input.fz59;
  }
  if (!text_(input, out, 'summary', 2000)) return null;
  if ('author' in input) {
    const author = input.author;
    if (author == null) out.author = author;
    else {
      if (!isRecord(author)) return null;
      const a: Record<string, unknown> = {};
      if (!text_(author, a, 'name', 300)) return null;
      if (!text_(author, a, 'email', 254, limits.email)) return null;
      if (!text_(author, a, 'phone', Infinity, limits.phone)) return null;
      if (!text_(author, a, 'address', 500)) return null;
      if ('notifyConsent' in author) {
        if (author.notifyConsent != null && typeof author.notifyConsent !== 'boolean') return null;
        a.notifyConsent = author.notifyConsent;
      }
      out.author = a;
    }
  }
  if (!text_(input, out, 'address', 500)) return null;
  if ('location' in input) {
    if (input.location != null) return null; // coordinates: left to the schema
    out.location = input.location;
  }
  for (const key of ID_KEYS) if (!text_(input, out, key, Infinity)) return null;
  if (!text_(input, out, 'sourceStatus', 200)) return null;
  if ('details' in input) out.details = input.details;
  if ('raw' in input) out.raw = input.raw;
  return out;
}

const CHANNELS = new Set<string>(Object.values(Channel));
const ID_KEYS = ['municipalityId', 'sector', 'category', 'organizationId', 'complaintAgainstOrganizationId'] as const;
/** The very pattern of the schema's `z.iso.datetime({ offset: true })`. */
const DATETIME = z.regexes.datetime({ offset: true } as Parameters<typeof z.regexes.datetime>[0]);

/** An object as zod's object schema takes one: a class instance too (GraphQL's input classes), read by `key in` and `[key]` as zod reads it. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An optional text (a blank one null), trimmed, at most `max` long and matching `pattern`: copied to `out`; false when it is not plainly so. */
function text_(input: Record<string, unknown>, out: Record<string, unknown>, key: string, max: number, pattern?: RegExp): boolean {
  if (!(key in input)) return true;
  const value = input[key];
  if (value == null) {
    out[key] = value;
    return true;
  }
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (trimmed === '') {
    out[key] = null;
    return true;
  }
  if (trimmed.length > max || (pattern && !pattern.test(trimmed))) return false;
  out[key] = trimmed;
  return true;
}
