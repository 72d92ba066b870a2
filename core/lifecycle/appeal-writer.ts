import { DateTime } from 'luxon';
import type { AppServices } from '../app/app-services.js';
import { appealNumberSql } from '../appeals/appeal-number.js';
import type { AppealTransaction, BulkEventRecord } from '../events/appeal-transaction.js';
import type { AppealStatus } from '../entities/enums.js';
import { JSONB_COLUMNS, type PreparedAppeal } from './appeal-intake.js';
import { detectRepeats, type RepeatMatch } from './repeat-detection.js';
import { runQuery } from './sql.js';

export interface WrittenAppeal {
  prepared: PreparedAppeal;
  /** The appeal's row as stored (snake_case columns); `em.map(Appeal, row)` gives the entity. */
  row: Record<string, unknown>;
  created: boolean;
}

/** Rows per INSERT statement: ~45 columns each keeps the bind parameters far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;

type Row = Record<string, unknown>;
/** What a bulk write reads back of each row: a single registration returns the whole appeal. */
const LEAN_COLUMNS = ['id', 'number', 'channel', 'external_id', 'status', 'sector_id', 'organization_id', 'municipality_id'];
const keyOf = (channel: unknown, externalId: unknown) => `${channel}\u0000${externalId}`;

/**
 * Writes prepared appeals with multi-row inserts, idempotently on
 * (channel, externalId). Keys already stored are read first and returned as
 * they are; the rest go in with `insert ... on conflict do nothing returning *`,
 * so that a concurrent writer of the same key is settled by the unique
 * constraint, never by a read-then-write race (its row is read back after).
 * Each created appeal is written complete (repeat link included) with its
 * audit entries and its sector details, in the caller's transaction.
 */
export async function writeAppeals(app: AppServices, tx: AppealTransaction, batch: PreparedAppeal[]): Promise<WrittenAppeal[]> {
  const em = tx.em;
  const knex = em.getKnex();
  const columns = batch.length === 1 ? ['*'] : LEAN_COLUMNS;
  const stored = new Map<string, Row>();
  const readStored = async (items: PreparedAppeal[]) => {
    const keyed = items.filter((p) => p.externalId !== null);
    if (!keyed.length) return;
    const rows = await runQuery(em, knex('appeal').select(columns).whereIn(['channel', 'external_id'], keyed.map((p) => [p.channel, p.externalId!])));
    for (const row of rows) stored.set(keyOf(row.channel, row.external_id), row);
  };
  await readStored(batch);

  // New keys, each once: a key repeated within the batch is the same appeal.
  const fresh: PreparedAppeal[] = [];
  const seen = new Set<string>();
  for (const p of batch) {
    const key = keyOf(p.channel, p.externalId);
    if (p.externalId !== null && (stored.has(key) || seen.has(key))) continue;
    if (p.externalId !== null) seen.add(key);
    fresh.push(p);
  }
  const repeats = await detectRepeats(em, fresh, app.config.REPEAT_WINDOW_DAYS);

  const year = DateTime.fromJSDate(app.clock.now(), { zone: app.config.TIME_ZONE }).year;
  const created = new Map<string, Row>();
  for (let i = 0; i < fresh.length; i += ROWS_PER_STATEMENT) {
    const rows = fresh.slice(i, i + ROWS_PER_STATEMENT).map((p) => ({
      ...p.columns,
      ...jsonColumns(p.columns),
      number: appealNumberSql(knex, app.config.REGION_CODE, year),
      is_repeat: repeats.has(p.id),
      repeat_of_id: repeats.get(p.id)?.repeatOf ?? null,
    }));
    const inserted = await runQuery(em, knex('appeal').insert(rows).onConflict(['channel', 'external_id']).ignore().returning(columns));
    for (const row of inserted) created.set(row.id as string, row);
  }
  // Keys another transaction wrote in between: theirs is the appeal.
  await readStored(fresh.filter((p) => !created.has(p.id)));

  const events: BulkEventRecord[] = [];
  const written = batch.map((prepared): WrittenAppeal => {
    const row = created.get(prepared.id);
    if (!row) {
      const existing = stored.get(keyOf(prepared.channel, prepared.externalId)) ?? findCreated(created, prepared);
      if (!existing) throw new Error(`appeal ${prepared.channel}/${prepared.externalId} neither inserted nor found`);
      return { prepared, row: existing, created: false };
    }
    events.push(...auditEntries(app, prepared, row, repeats.get(prepared.id)));
    if (prepared.details?.plugin.details) {
      em.persist(prepared.details.plugin.details.toEntity(prepared.id, prepared.details.value));
    }
    return { prepared, row, created: true };
  });
  await tx.recordMany(events);
  return written;
}

/** The jsonb columns as JSON text (a bound array would otherwise be sent as a PostgreSQL array). */
function jsonColumns(columns: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const name of JSONB_COLUMNS) out[name] = columns[name] === null || columns[name] === undefined ? null : JSON.stringify(columns[name]);
  return out;
}

/** The row created in this batch for the same key (a key given twice). */
function findCreated(created: Map<string, Row>, prepared: PreparedAppeal): Row | undefined {
  for (const row of created.values()) {
    if (row.channel === prepared.channel && row.external_id === prepared.externalId) return row;
  }
  return undefined;
}

export function auditEntries(app: AppServices, prepared: PreparedAppeal, row: Row, repeat: RepeatMatch | undefined): BulkEventRecord[] {
  const appeal = {
    id: prepared.id,
    sectorId: (row.sector_id as string | null) ?? null,
    organizationId: (row.organization_id as string | null) ?? null,
    municipalityId: (row.municipality_id as string | null) ?? null,
  };
  const entries: BulkEventRecord[] = prepared.events.map((event) => ({ appeal, ...event }));
  if (repeat) {
    const status = row.status as AppealStatus;
    entries.push({
      appeal,
      type: 'REPEAT_DETECTED',
      fromStatus: status,
      toStatus: status,
      reason: repeat.by === 'author' ? 'Тот же автор в пределах окна повторов' : 'Тот же адрес и рубрика в пределах окна повторов',
      data: { repeatOf: repeat.repeatOf, by: repeat.by, windowDays: app.config.REPEAT_WINDOW_DAYS },
    });
  }
  return entries;
}
