import { z, type ZodError } from 'zod';
import { badInput } from '../../errors/errors.js';
import type { FieldError, ParsedItem } from './channel-adapter.js';

/** zod issues as field errors, the path written the way the source names fields (`author.email`, `attachments.0.url`). */
export function zodFieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((issue) => ({
    field: prefix + (issue.path.length ? issue.path.map(String).join('.') : '(запись)'),
    message: issue.message,
  }));
}

/** Names compared the way people write them: case, «ё», and spaces do not matter. */
export function normalizeName(value: string): string {
  return value.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Text of an upload: UTF-8, with a byte-order mark (Excel writes one) removed. */
export function decodeText(input: Buffer): string {
  return input.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * A JSON batch: an array of records, `{ "<key>": [...] }`, or one record.
 * Positions are the elements' numbers, from 1. Input that is not JSON at all
 * is refused as a whole.
 */
export async function* parseJsonBatch(input: Buffer, key: string): AsyncIterable<ParsedItem<Record<string, unknown>>> {
  let document: unknown;
  try {
    document = JSON.parse(decodeText(input));
  } catch (error) {
    throw badInput('file', `Файл не является JSON: ${(error as Error).message}`);
  }
  const items = Array.isArray(document) ? document : isPlainObject(document) && Array.isArray(document[key]) ? document[key] : [document];
  for (const [index, item] of (items as unknown[]).entries()) {
    if (isPlainObject(item)) yield { position: index + 1, record: item };
    else yield { position: index + 1, raw: item, error: { field: '(запись)', message: 'Запись должна быть JSON-объектом' } };
  }
}

/** JSON lines: one record per line; blank lines are skipped; position = line number. */
export async function* parseJsonLines(input: Buffer): AsyncIterable<ParsedItem<Record<string, unknown>>> {
  const lines = decodeText(input).split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const position = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { position, raw: line, error: { field: '(строка)', message: `Строка не является JSON: ${(error as Error).message}` } };
      continue;
    }
    if (isPlainObject(value)) yield { position, record: value };
    else yield { position, raw: value, error: { field: '(строка)', message: 'Строка должна содержать JSON-объект' } };
  }
}

/** A category-table value: a code with a dot is a category, without one a sector. */
export function classifierTarget(
  value: string | null | undefined,
  categorySectors: ReadonlyMap<string, string>,
  enabledSectors: ReadonlySet<string>,
): { sector: string | null; category: string | null } {
  if (!value) return { sector: null, category: null };
  if (value.includes('.')) {
    const sector = categorySectors.get(value);
    return sector ? { sector, category: value } : { sector: null, category: null };
  }
  return enabledSectors.has(value) ? { sector: value, category: null } : { sector: null, category: null };
}

export function sectorsOf(categorySectors: ReadonlyMap<string, string>): Set<string> {
  return new Set(categorySectors.values());
}

/** The author's contacts as the sources that carry them send them (ПОС, letters): each optional. */
export const authorContactFields = {
  name: z.string().trim().min(1).max(300).nullish(),
  email: z.email({ error: 'Некорректный адрес электронной почты' }).nullish(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s()-]{5,20}$/, { error: 'Некорректный номер телефона' })
    .nullish(),
};
