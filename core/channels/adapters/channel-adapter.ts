import type { EntityManager } from '@mikro-orm/postgresql';
import type { ZodType } from 'zod';
import type { AppealStatus, Channel } from '../../entities/enums.js';
import type { IntakeInput } from '../../lifecycle/intake.js';
import type { SpreadsheetLimits } from './spreadsheet-limits.js';
import type { PosClassifier } from './pos-categories.js';

/** One field at fault in a record, named as the source names it (`createdAt`, `author.email`, «Дата поступления»). */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * One record read from an input, or why it could not be read. `position` is
 * where it sits in the input, counted from 1, so that a person can find it:
 * the element of a JSON array, the line of a JSON-lines file or of a CSV
 * file, the row of a spreadsheet.
 */
export type ParsedItem<TRecord> = { position: number; record: TRecord } | { position: number; error: FieldError; raw: unknown };

export type MapResult = { ok: true; input: IntakeInput } | { ok: false; errors: FieldError[] };

/** What mapping may look up: the enabled plugins' classifier, the municipalities, "now". */
export interface AdapterContext {
  now: Date;
  timeZone: string;
  /** Category code → sector code, of the enabled plugins only. */
  categorySectors: ReadonlyMap<string, string>;
  /** A category code by its Russian name (lower case), of the enabled plugins only. */
  categoryByName: ReadonlyMap<string, string>;
  /** The municipality a free-text place name means, or null. */
  municipalityCode(text: string): string | null;
  /** Our code for a ПОС category and subcategory, from the enabled plugins' tables (pos-categories.ts). */
  posCategory: PosClassifier;
}

/**
 * Things an adapter does around the intake, with the database: the social
 * adapter merges duplicates of one post into one incident and links it to
 * the official page it was found on.
 */
export interface AdapterHooks {
  /** An appeal that already stands for this record (a duplicate), or null to create one. */
  existingAppeal?(input: IntakeInput, em: EntityManager): Promise<string | null>;
  /** After the record was accepted (created or merged): keep what the adapter tracks. */
  afterAccept?(input: IntakeInput, appealId: string, merged: boolean, em: EntityManager, now: Date): Promise<void>;
}

/**
 * A channel adapter: a core module per channel (channels are not sector
 * plugins). It reads the source's format, validates and maps each record to
 * the lifecycle's intake input (the source's id as `externalId`, its
 * categories mapped to ours through data tables, unmapped → null so that
 * structuring classifies, the raw record and the source's status kept), and
 * maps our statuses back to the source's for the outbound feed.
 */
export interface ChannelAdapter<TRecord = unknown, TOptions = unknown> {
  code: string;
  /** The channel of its records (a record may choose another of `channels`, e.g. a messenger post). */
  channel: Channel;
  channels: readonly Channel[];
  /**
   * Adapters that read the same source ids share a keyspace (the CSV and the
   * XLSX export of one regional system), so that re-sending a record in the
   * other format is still the same record. By default the code.
   */
  keyspace?: string;
  /** Russian, for people choosing an adapter. */
  title: string;
  /** Options of an import (a column mapping, the source system's code); validated before anything is read. */
  options?: ZodType<TOptions>;
  /**
   * Reads the input record by record. A defect of one record is an item with
   * an error; a defect of the whole input (not JSON, no header row, a mapped
   * column missing) throws a BAD_USER_INPUT error before any item. A
   * spreadsheet is read within `limits` (the configured XLSX_MAX_*; defaults
   * when not given); past one it throws BAD_USER_INPUT on `file`.
   */
  parse(input: Buffer, options: TOptions, limits?: SpreadsheetLimits): AsyncIterable<ParsedItem<TRecord>>;
  /** A record kept in `channel_record.raw` read again, for a retry; by default the raw record is the record. */
  revive?(raw: unknown, options: TOptions): TRecord;
  /** The record as it is kept in `channel_record.raw` (personal data included: staff-only); by default the record itself. */
  rawOf?(record: TRecord): unknown;
  /** The source's id of a record that failed validation, so that its corrected re-send replaces it. */
  externalIdOf?(record: TRecord, options: TOptions): string | null;
  /** Validates one record and maps it, or says which fields are wrong. */
  map(record: TRecord, ctx: AdapterContext, options: TOptions): MapResult;
  /** Our status as the source names it, for the outbound feed. */
  mapStatusOut(status: AppealStatus): string;
  hooks?: AdapterHooks;
}

export type AnyChannelAdapter = ChannelAdapter<any, any>;
