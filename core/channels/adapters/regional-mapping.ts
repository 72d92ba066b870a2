import { z } from 'zod';
import { Channel } from '../../entities/enums.js';
import { badInput } from '../../errors/errors.js';
import type { AdapterContext, FieldError, MapResult } from './channel-adapter.js';
import { normalizeName } from './adapter-helpers.js';

/** Fields of our intake that a column of a regional or municipal system's table can fill. */
export const REGIONAL_FIELDS = [
  'externalId',
  'text',
  'receivedAt',
  'address',
  'authorName',
  'authorPhone',
  'authorEmail',
  'municipality',
  'category',
  'sourceStatus',
  'latitude',
  'longitude',
  'fz59',
] as const;
export type RegionalField = (typeof REGIONAL_FIELDS)[number];

const REQUIRED: readonly RegionalField[] = ['externalId', 'text', 'receivedAt'];

/** The headers regional systems and hotlines typically export (used for fields the mapping does not name). */
export const DEFAULT_COLUMN_MAPPING: Readonly<Record<RegionalField, string>> = {
  externalId: 'Номер',
  receivedAt: 'Дата поступления',
  text: 'Текст обращения',
  address: 'Адрес',
  authorName: 'Заявитель',
  authorPhone: 'Телефон',
  authorEmail: 'E-mail',
  municipality: 'Муниципальное образование',
  category: 'Тематика',
  sourceStatus: 'Статус',
  latitude: 'Широта',
  longitude: 'Долгота',
  fz59: '59-ФЗ',
};

export const regionalOptionsSchema = z.object({
  /** The source system's code: ids are unique only within a system, so externalId = `<system>:<Номер>`. */
  system: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, { error: 'Код системы-источника: латиница, цифры, дефис (например, mun-volzhsk-hotline)' }),
  channel: z.enum([Channel.REGIONAL_SYSTEM, Channel.MUNICIPAL_SYSTEM]).default(Channel.REGIONAL_SYSTEM),
  /** Our field → the header of the column that holds it; fields not named use DEFAULT_COLUMN_MAPPING when that column exists. */
  mapping: z.partialRecord(z.enum(REGIONAL_FIELDS), z.string().trim().min(1)).default({}),
  /** The system's appeals are 59-ФЗ appeals (its regulation says so); a `59-ФЗ` column decides per row. */
  fz59: z.boolean().default(false),
  /** CSV only: the field separator; by default guessed from the header line (`;` is what Russian Excel writes). */
  delimiter: z.enum([';', ',', '\t', '|']).optional(),
  /** CSV only: by default UTF-8, or Windows-1251 when the file is not valid UTF-8. */
  encoding: z.enum(['utf-8', 'windows-1251']).optional(),
  /** XLSX only: the sheet to read; by default the first. */
  sheet: z.string().trim().min(1).optional(),
});
export type RegionalOptions = z.output<typeof regionalOptionsSchema>;

/**
 * A cell as the parsers give it: text, a number, a boolean, or empty. XLSX
 * dates come as local wall-clock ISO text without a zone
 * (`2026-11-20T09:15:00`), read in the region's zone, so that the raw record
 * kept for a retry means the same time.
 */
export type Cell = string | number | boolean | null;

/** One row: the cells by our field, the header each came from, and the row as read (header → cell) for the raw record. */
export interface RegionalRow {
  cells: Partial<Record<RegionalField, Cell>>;
  headers: Partial<Record<RegionalField, string>>;
  raw: Record<string, Cell>;
}

/**
 * Resolves the mapping against the file's header row: each field → the
 * column index. A column the mapping names but the file lacks, or a
 * required field with no column, refuses the whole file (before any row).
 */
export function resolveColumns(headers: readonly string[], options: RegionalOptions): Map<RegionalField, number> {
  const index = new Map(headers.map((header, i) => [normalizeName(header), i]));
  const columns = new Map<RegionalField, number>();
  for (const field of REGIONAL_FIELDS) {
    const named = options.mapping[field];
    const header = named ?? DEFAULT_COLUMN_MAPPING[field];
    const at = index.get(normalizeName(header));
    if (at !== undefined) columns.set(field, at);
    else if (named)
      throw badInput(
        `mapping.${field}`,
        `В файле нет столбца «${named}». Столбцы файла: ${headers
          .filter(Boolean)
          .map((h) => `«${h}»`)
          .join(', ')}`,
      );
  }
  for (const field of REQUIRED) {
    if (!columns.has(field)) {
      throw badInput(
        `mapping.${field}`,
        `Не найден столбец для поля ${field} (по умолчанию «${DEFAULT_COLUMN_MAPPING[field]}»): укажите его в сопоставлении столбцов`,
      );
    }
  }
  return columns;
}

export function rowOf(values: readonly Cell[], headers: readonly string[], columns: Map<RegionalField, number>): RegionalRow {
  const cells: Partial<Record<RegionalField, Cell>> = {};
  const fieldHeaders: Partial<Record<RegionalField, string>> = {};
  for (const [field, at] of columns) {
    cells[field] = values[at] ?? null;
    fieldHeaders[field] = headers[at];
  }
  const raw: Record<string, Cell> = {};
  headers.forEach((header, i) => {
    if (header) raw[header] = values[i] ?? null;
  });
  return { cells, headers: fieldHeaders, raw };
}

/** A stored raw row (header → cell) read again with the import's options, for a retry. */
export function rowFromRaw(raw: unknown, options: RegionalOptions): RegionalRow {
  const record = (raw ?? {}) as Record<string, Cell>;
  const headers = Object.keys(record);
  return rowOf(
    headers.map((h) => record[h]),
    headers,
    resolveColumns(headers, options),
  );
}

const text = (cell: Cell | undefined): string | null => {
  if (cell === null || cell === undefined) return null;
  const value = String(cell).trim();
  return value || null;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms (one cached Intl formatter per zone: luxon per row was the slow part of an import). */
const offsets = new Map<string, number>();

function offsetAt(instant: number, timeZone: string): number {
  // Offsets change at most at whole hours (DST, law changes): one lookup per zone and hour.
  const key = `${timeZone}@${Math.floor(instant / 3_600_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffset(instant, timeZone);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(instant: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(instant / 1000) * 1000;
}

/** A wall-clock time in a zone as an instant; null for a date that does not exist (31.11). */
function zoned(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): Date | null {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59)
    return null;
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

const RUSSIAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date as regional systems write it (`20.11.2026 09:15`, `20.11.2026`,
 * ISO 8601), in the region's zone when it names none.
 */
export function parseSourceDate(cell: Cell | undefined, timeZone: string): Date | null {
  const value = text(cell);
  if (!value) return null;
  const ru = RUSSIAN_DATE.exec(value);
  if (ru) return zoned(+ru[3], +ru[2], +ru[1], +(ru[4] ?? 0), +(ru[5] ?? 0), +(ru[6] ?? 0), timeZone);
  const iso = ISO_DATE.exec(value);
  if (!iso) return null;
  if (!iso[7]) return zoned(+iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), timeZone);
  const parsed = new Date(value.replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

const YES = new Set(['да', 'yes', 'true', '1', 'д', '+', '59-фз', 'фз-59']);
const NO = new Set(['нет', 'no', 'false', '0', 'н', '-']);

const number = (cell: Cell | undefined): number | null => {
  if (typeof cell === 'number') return cell;
  const value = text(cell);
  if (!value) return null;
  const parsed = Number(value.replace(',', '.').replace(/\s/g, ''));
  return Number.isFinite(parsed) ? parsed : NaN;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates one row and maps it to the intake input; errors name the file's column. */
export function mapRegionalRow(row: RegionalRow, ctx: AdapterContext, options: RegionalOptions): MapResult {
  const errors: FieldError[] = [];
  const fail = (field: RegionalField, message: string) => errors.push({ field: row.headers[field] ?? DEFAULT_COLUMN_MAPPING[field], message });
  const { cells } = row;

  const id = text(cells.externalId);
  if (!id) fail('externalId', 'Нет номера обращения в системе-источнике');
  else if (id.length > 150) fail('externalId', 'Номер обращения длиннее 150 символов');
  const body = text(cells.text);
  if (!body) fail('text', 'Нет текста обращения');
  const receivedAt = parseSourceDate(cells.receivedAt, ctx.timeZone);
  if (!receivedAt)
    fail(
      'receivedAt',
      text(cells.receivedAt) ? `Не удалось прочитать дату «${text(cells.receivedAt)}» (ожидается ДД.ММ.ГГГГ ЧЧ:ММ или ISO 8601)` : 'Нет даты поступления',
    );
  else if (receivedAt.getTime() > ctx.now.getTime() + 10 * 60_000) fail('receivedAt', 'Дата поступления в будущем');
  const email = text(cells.authorEmail);
  if (email && !EMAIL.test(email)) fail('authorEmail', `Некорректный адрес электронной почты «${email}»`);
  const phone = text(cells.authorPhone);
  if (phone && !/^\+?[\d\s()-]{5,20}$/.test(phone)) fail('authorPhone', `Некорректный номер телефона «${phone}»`);
  const lat = number(cells.latitude);
  const lon = number(cells.longitude);
  if (Number.isNaN(lat) || (lat !== null && Math.abs(lat) > 90)) fail('latitude', 'Широта должна быть числом от -90 до 90');
  if (Number.isNaN(lon) || (lon !== null && Math.abs(lon) > 180)) fail('longitude', 'Долгота должна быть числом от -180 до 180');
  if ((lat === null) !== (lon === null)) fail(lat === null ? 'latitude' : 'longitude', 'Координаты указываются парой: широта и долгота');
  let fz59 = options.fz59;
  const fz59Cell = text(cells.fz59);
  if (fz59Cell) {
    const flag = normalizeName(fz59Cell);
    if (YES.has(flag)) fz59 = true;
    else if (NO.has(flag)) fz59 = false;
    else fail('fz59', `Ожидается «да» или «нет», получено «${fz59Cell}»`);
  }
  if (errors.length) return { ok: false, errors };

  const categoryValue = text(cells.category);
  const category = categoryValue
    ? ctx.categorySectors.has(categoryValue)
      ? categoryValue
      : (ctx.categoryByName.get(normalizeName(categoryValue)) ?? null)
    : null;
  const place = text(cells.municipality);
  const address = text(cells.address);
  return {
    ok: true,
    input: {
      channel: options.channel,
      externalId: `${options.system}:${id}`,
      text: body!,
      receivedAt: receivedAt!,
      author: { name: text(cells.authorName), email, phone },
      address,
      location: lat !== null && lon !== null ? { latitude: lat, longitude: lon } : null,
      municipalityCode: (place && ctx.municipalityCode(place)) || (address ? ctx.municipalityCode(address) : null),
      sector: category ? ctx.categorySectors.get(category)! : null,
      category,
      fz59,
      sourceStatus: text(cells.sourceStatus),
      details: null,
      raw: row.raw,
    },
  };
}

/** The source's id of a row that failed validation (so that its corrected re-send replaces it). */
export function regionalExternalIdOf(row: RegionalRow, options: RegionalOptions): string | null {
  const id = text(row.cells.externalId);
  return id && id.length <= 150 ? `${options.system}:${id}` : null;
}
