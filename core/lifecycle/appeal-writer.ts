import type { LifecycleServices } from './lifecycle-services.js';
import { appealNumberExpression, appealNumberPrefixAt } from '../appeals/appeal-number.js';
import { auditRows, type Actor, type AppealKeys, type AppealTransaction, type BulkEventRecord, type EventRow } from '../events/appeal-transaction.js';
import type { AppealStatus } from '../entities/enums.js';
import type { PreparedAppeal } from './appeal-intake.js';
import { detectRepeats, type RepeatMatch } from './repeat-detection.js';
import { appealColumns } from './appeal-table.js';
import { pgQuery } from '../db/pg-query.js';
import { JsonArrayBuffer } from '../db/json-array-buffer.js';
import { entryNoticeCtes } from '../notifications/entry-notice-sql.js';

export interface WrittenAppeal {
  prepared: PreparedAppeal;
  /** The appeal's row as stored (snake_case columns); `em.map(Appeal, row)` gives the entity. */
  row: Record<string, unknown>;
  created: boolean;
}

type Row = Record<string, unknown>;
/** What a bulk write reads back of each row: a single registration returns the whole appeal. */
const LEAN_COLUMNS = ['id', 'number', 'channel', 'external_id', 'status', 'sector_id', 'organization_id', 'municipality_id'];
const keyOf = (channel: unknown, externalId: unknown) => `${channel}\u0000${externalId}`;
const quoted = (columns: string[], table?: string) => columns.map((c) => (table ? `${table}."${c}"` : `"${c}"`)).join(', ');
/** The repeat columns of an appeal that repeats none, closing its JSON object. */
const NOT_REPEAT = Buffer.from(',"is_repeat":false,"repeat_of_id":null}');
const EVENT_COLUMNS = ['id', 'appeal_id', 'type', 'at', 'actor_user_id', 'actor_label', 'from_status', 'to_status', 'reason', 'data'];

const storedSql = (returned: string[]) => `select ${quoted(returned, 'a')} from appeal a
join unnest($1::text[]::channel[], $2::text[]) as k(channel, external_id) on a.channel = k.channel and a.external_id = k.external_id`;

/**
 * The appeals of a batch and their audit entries in one statement: rows
 * numbered from the sequence in the batch's order (order of receipt), a key
 * another transaction wrote meanwhile skipped by the unique constraint (`on
 * conflict do nothing`, read back by the caller), and the entries of the
 * rows actually inserted, in their order (with `reservedNumbers`, the
 * sequence numbers come as `$4`, one per row). The appeals come as json, not
 * jsonb: PostgreSQL then reads each record from the text once instead of
 * building a binary document of the whole chunk first (a third less of its
 * CPU on that step). Both arrays are bound as UTF-8 buffers in binary format
 * (json-array-buffer.ts). With `notice`, the author's notices the entries carry
 * are queued by the same statement (entry-notice-sql.ts).
 */
const insertSql = (columns: string[], returned: string[], reservedNumbers: boolean, notice: boolean) => `with ins as (
  insert into appeal (${quoted(columns)}, "number")
  select ${quoted(columns, 'i')}, ${reservedNumbers ? `$2::text || lpad(($4::bigint[])[i.ordinality]::text, 7, '0')` : appealNumberExpression('$2')}
  from json_populate_recordset(null::appeal, $1::json) with ordinality i
  order by i.ordinality
  on conflict ("channel", "external_id") do nothing
  returning ${quoted(returned)}
),
ev as (
  insert into appeal_event (${quoted(EVENT_COLUMNS)})
  select ${quoted(EVENT_COLUMNS, 'e')} from jsonb_populate_recordset(null::appeal_event, $3::jsonb) with ordinality e
  where e.appeal_id in (select id from ins)
  order by e.ordinality
)${notice ? `,\n${entryNoticeCtes('$3::jsonb')}` : ''}
select * from ins`;

/** For a batch written while batches before it are still being written (an import's chunks side by side). */
export interface WriteAlongside {
  /**
   * Waits until the batch before this one has settled which appeals it
   * inserts, and gives those of the batches still being written before this
   * one (only rows they insert: a phantom candidate would be a repeat link
   * to nothing).
   */
  turn: () => Promise<readonly PreparedAppeal[]>;
  /**
   * Records `fresh` as the appeals this batch inserts and takes their
   * registration numbers, ascending, one per appeal in order. Called once
   * after `turn`, also with none: the batch after this one waits for it.
   */
  reserveNumbers: (fresh: readonly PreparedAppeal[], em: AppealTransaction['em']) => Promise<string[]>;
  /** Resolves once the batches before this one are written (or given up): their appeals are then stored for good. */
  settled: () => Promise<unknown>;
}

/**
 * Writes prepared appeals idempotently on (channel, externalId), in the
 * caller's transaction. Keys already stored are read first and returned as
 * they are; the rest go in with one statement for the appeals and their
 * audit entries (see insertSql), so that a concurrent writer of the same key
 * is settled by the unique constraint, never by a read-then-write race (its
 * row is read back after). Each created appeal is written complete (repeat
 * link included) with its audit entries and its sector details. The
 * statements are fixed text sent straight through pg, prepared once per
 * connection. `alongside`: the batch is written while batches before it
 * still are (see WriteAlongside and importAppeals).
 */
export async function writeAppeals(
  app: LifecycleServices,
  tx: AppealTransaction,
  batch: PreparedAppeal[],
  alongside?: WriteAlongside,
): Promise<WrittenAppeal[]> {
  const em = tx.em;
  const returned = batch.length === 1 ? appealColumns(em) : LEAN_COLUMNS;
  const stored = new Map<string, Row>();
  const readStored = async (items: PreparedAppeal[]) => {
    const keyed = items.filter((p) => p.externalId !== null);
    if (!keyed.length) return;
    const rows = await pgQuery<Row>(em, storedSql(returned), [keyed.map((p) => p.channel), keyed.map((p) => p.externalId)], { prepared: true });
    for (const row of rows) stored.set(keyOf(row.channel, row.external_id), row);
  };
  await readStored(batch);

  // New keys, each once: a key repeated within the batch is the same appeal, and so is a key a batch before it inserts.
  const earlier = alongside ? await alongside.turn() : [];
  const inEarlier = new Set(earlier.filter((p) => p.externalId !== null).map((p) => keyOf(p.channel, p.externalId)));
  const fresh: PreparedAppeal[] = [];
  const seen = new Set<string>();
  const theirs: PreparedAppeal[] = [];
  for (const p of batch) {
    const key = keyOf(p.channel, p.externalId);
    if (p.externalId !== null && inEarlier.has(key) && !stored.has(key)) theirs.push(p);
    if (p.externalId !== null && (stored.has(key) || seen.has(key) || inEarlier.has(key))) continue;
    if (p.externalId !== null) seen.add(key);
    fresh.push(p);
  }
  const numbers = alongside ? await alongside.reserveNumbers(fresh, em) : null;
  const repeats = await detectRepeats(em, fresh, app.config.REPEAT_WINDOW_DAYS, earlier);
  if (alongside) {
    // A repeat link to an appeal not committed yet would fail its foreign key, and a key of an earlier
    // batch is read back once that batch is written: both wait for the batches before, holding no row lock.
    const earlierIds = new Set(earlier.map((p) => p.id));
    if (theirs.length || [...repeats.values()].some((r) => earlierIds.has(r.repeatOf))) {
      await alongside.settled();
      await readStored(theirs);
    }
  }

  const now = app.clock.now();
  const created = new Map<string, Row>();
  const planned = new Map<string, { entries: BulkEventRecord[]; rows: EventRow[] }>();
  if (fresh.length) {
    const columns = [...Object.keys(fresh[0]!.columns), 'is_repeat', 'repeat_of_id'];
    const rows = new JsonArrayBuffer();
    const events = new JsonArrayBuffer();
    let notice = false;
    for (const p of fresh) {
      const ahead = serialized.get(p) ?? serialize(p, (entries) => tx.eventRows(entries, now));
      const repeat = repeats.get(p.id);
      rows
        .next()
        .add(ahead.head)
        .add(repeat ? Buffer.from(`,"is_repeat":true,"repeat_of_id":${JSON.stringify(repeat.repeatOf)}}`) : NOT_REPEAT);
      const plan = { entries: ahead.entries, rows: ahead.rows };
      notice ||= ahead.rows.some((row) => row.notice);
      if (ahead.json) events.next().add(ahead.json);
      if (repeat) {
        const entry = repeatEntry(app, ahead.entries[0]!.appeal, p.columns.status as AppealStatus, repeat);
        const [row] = tx.eventRows([entry], now);
        plan.entries = [...plan.entries, entry];
        plan.rows = [...plan.rows, row!];
        events.next().add(Buffer.from(JSON.stringify(row)));
      }
      planned.set(p.id, plan);
    }
    const prefix = appealNumberPrefixAt(app.config.REGION_CODE, now, app.config.TIME_ZONE);
    const params: unknown[] = [rows.toBuffer(), prefix, events.toBuffer({ jsonb: true })];
    if (numbers) params.push(numbers);
    const inserted = await pgQuery<Row>(em, insertSql(columns, returned, numbers !== null, notice), params, { prepared: true });
    for (const row of inserted) created.set(row.id as string, row);
  }
  // Keys another transaction wrote in between: theirs is the appeal.
  await readStored(fresh.filter((p) => !created.has(p.id)));

  const written = batch.map((prepared): WrittenAppeal => {
    const row = created.get(prepared.id);
    if (!row) {
      const existing = stored.get(keyOf(prepared.channel, prepared.externalId)) ?? findCreated(created, prepared);
      if (!existing) throw new Error(`appeal ${prepared.channel}/${prepared.externalId} neither inserted nor found`);
      return { prepared, row: existing, created: false };
    }
    const plan = planned.get(prepared.id)!;
    tx.recorded(plan.entries, plan.rows);
    if (prepared.details?.plugin.details) {
      em.persist(prepared.details.plugin.details.toEntity(prepared.id, prepared.details.value));
    }
    return { prepared, row, created: true };
  });
  return written;
}

/** The row created in this batch for the same key (a key given twice). */
function findCreated(created: Map<string, Row>, prepared: PreparedAppeal): Row | undefined {
  for (const row of created.values()) {
    if (row.channel === prepared.channel && row.external_id === prepared.externalId) return row;
  }
  return undefined;
}

export function auditEntries(app: LifecycleServices, prepared: PreparedAppeal, row: Row, repeat: RepeatMatch | undefined): BulkEventRecord[] {
  const appeal = keysOf(prepared, row);
  const entries: BulkEventRecord[] = prepared.events.map((event) => ({ appeal, ...event }));
  if (repeat) entries.push(repeatEntry(app, appeal, row.status as AppealStatus, repeat));
  return entries;
}

function keysOf(prepared: PreparedAppeal, row: Row): AppealKeys {
  return {
    id: prepared.id,
    sectorId: (row.sector_id as string | null) ?? null,
    organizationId: (row.organization_id as string | null) ?? null,
    municipalityId: (row.municipality_id as string | null) ?? null,
  };
}

function repeatEntry(app: LifecycleServices, appeal: AppealKeys, status: AppealStatus, repeat: RepeatMatch): BulkEventRecord {
  return {
    appeal,
    type: 'REPEAT_DETECTED',
    fromStatus: status,
    toStatus: status,
    reason: repeat.by === 'author' ? 'Тот же автор в пределах окна повторов' : 'Тот же адрес и рубрика в пределах окна повторов',
    data: { repeatOf: repeat.repeatOf, by: repeat.by, windowDays: app.config.REPEAT_WINDOW_DAYS },
  };
}

/** A prepared appeal as the insert statement takes it: its columns as UTF-8 JSON (without the closing brace, for the repeat columns) and its audit entries. */
interface Serialized {
  head: Buffer;
  entries: BulkEventRecord[];
  rows: EventRow[];
  /** The audit rows as UTF-8 JSON, comma-separated; null without any. */
  json: Buffer | null;
}
const serialized = new WeakMap<PreparedAppeal, Serialized>();

function serialize(prepared: PreparedAppeal, eventRows: (entries: BulkEventRecord[]) => EventRow[]): Serialized {
  const appeal = keysOf(prepared, prepared.columns);
  const entries: BulkEventRecord[] = prepared.events.map((event) => ({ appeal, ...event }));
  const rows = eventRows(entries);
  const json = Buffer.from(JSON.stringify(prepared.columns));
  const events = rows.length ? Buffer.from(rows.map((row) => JSON.stringify(row)).join(',')) : null;
  return { head: json.subarray(0, json.length - 1), entries, rows, json: events };
}

/**
 * Serializes a prepared appeal for `writeAppeals` ahead of its write, with
 * its audit entries by `actor` at `at`: the import does it while the
 * previous chunk is being written, so a chunk's turn costs little more than
 * PostgreSQL's work.
 */
export function serializeAhead(prepared: PreparedAppeal, actor: Actor, at: Date): void {
  serialized.set(
    prepared,
    serialize(prepared, (entries) => auditRows(actor, entries, at)),
  );
}
