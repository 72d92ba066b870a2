/**
 * Characters a text must not carry into the database or a document:
 * NUL (PostgreSQL's text and jsonb cannot store it, so one NUL failed a whole
 * batch's statement) and a lone UTF-16 surrogate (not a character at all: the
 * driver would silently store U+FFFD instead). One check, used at every
 * boundary: GraphQL arguments (input-bounds.ts), channel records
 * (channel-ingest.service.ts) and the intake of appeals (appeal-intake.ts).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A character that may start an unsafe sequence: a string without one is fine (one plain scan, no lookaround). */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

/** Why a string is refused, in Russian, or null when it is fine. */
export function unsafeTextReason(value: string): string | null {
  if (!SUSPECT.test(value)) return null;
  const found = UNSAFE.exec(value);
  if (!found) return null;
  return found[0] === '\u0000' ? 'Текст содержит недопустимый символ NUL (\\u0000)' : 'Текст содержит непарный суррогат UTF-16 (испорченная кодировка)';
}

/**
 * The first string inside a JSON-like value (a record as a channel sent it, an
 * input object) that is unsafe, with its dotted path (`text`,
 * `author.name`, `attachments.2.url`); keys are checked too.
 */
export function findUnsafeText(value: unknown, path: readonly (string | number)[] = []): { field: string; message: string } | null {
  const found = firstUnsafe(value);
  return found ? { field: [...path, ...found.path.reverse()].join('.'), message: found.message } : null;
}

/** The first unsafe string, its path built (innermost first) only once one is found: a clean input allocates none. */
function firstUnsafe(value: unknown): { path: (string | number)[]; message: string } | null {
  if (typeof value === 'string') {
    const message = unsafeTextReason(value);
    return message ? { path: [], message } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUnsafe(value[i]);
      if (found) return (found.path.push(i), found);
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unsafeTextReason(key);
      if (keyReason) return { path: ['(ключ)'], message: keyReason };
      const found = firstUnsafe(item);
      if (found) return (found.path.push(key), found);
    }
  }
  return null;
}

/** The value with every unsafe character replaced by U+FFFD: what is kept of a refused record (never the NUL itself). */
export function replaceUnsafeText<T>(value: T): T {
  if (typeof value === 'string') return value.replace(new RegExp(UNSAFE.source, 'g'), '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item) => replaceUnsafeText(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [replaceUnsafeText(key), replaceUnsafeText(item)])) as T;
  }
  return value;
}
