import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { Appeal } from '../entities/appeal.entity.js';

/**
 * The columns each field of Appeal reads, for a page that reads only what its
 * fields need. A page of fifty appeals spent more CPU turning unasked columns
 * into values (a dozen moments and a JSON list of rules per row) than on
 * anything else; reading only the asked ones cut a page's CPU by a quarter.
 *
 * Keys are fields of Appeal, or `field.subfield` where a sub-field needs more
 * than its parent (the deadline's rules). A field that is not listed here (the
 * text, the author, the history, every plugin field) reads the whole row.
 * test/foundation/appeal-columns.test.ts keeps the list true: each field
 * answers the same from its own columns as from the whole row. A resolver that
 * reads a column the page did not read throws (see core/db/entity-view.ts).
 */
export const APPEAL_FIELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  __typename: [],
  id: [],
  number: ['number'],
  channel: ['channel'],
  externalId: ['external_id'],
  status: ['status'],
  version: ['version'],
  summary: ['summary'],
  address: ['address'],
  location: ['latitude', 'longitude'],
  organization: ['organization_id'],
  municipality: ['municipality_id'],
  sector: ['sector_id'],
  category: ['category_id'],
  assignee: ['assignee_id'],
  complaintAgainst: ['complaint_against_id'],
  repeatOf: ['repeat_of_id'],
  fz59: ['fz59'],
  isRepeat: ['is_repeat'],
  needsStructuring: ['needs_structuring'],
  sourceStatus: ['source_status'],
  receivedAt: ['received_at'],
  registeredAt: ['registered_at'],
  dueAt: ['due_at'],
  answeredAt: ['answered_at'],
  closedAt: ['closed_at'],
  reopenedAt: ['reopened_at'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  reworkCount: ['rework_count'],
  reopenCount: ['reopen_count'],
  deadline: ['status', 'due_at', 'deadline_starts_at', 'paused_ms', 'paused_at', 'answered_at', 'closed_at', 'extension_days', 'deadline_rule'],
  'deadline.rules': ['deadline_rules'],
};

/** A page's SELECT list and the entity columns it leaves out. */
export interface AppealColumns {
  sql: string;
  unread: readonly string[];
}

interface AppealTable {
  eager: readonly string[];
  moments: ReadonlySet<string>;
  full: AppealColumns;
}

const tables = new WeakMap<object, AppealTable>();
/** Select lists by the set of columns they read; bounded, as clients choose the selections. */
const selections = new LRUCache<string, AppealColumns>({ max: 500 });

function tableOf(em: EntityManager): AppealTable {
  const meta = em.getMetadata().get(Appeal.name);
  let table = tables.get(meta);
  if (!table) {
    const props = meta.props.filter((p) => p.persist !== false && !p.lazy && p.fieldNames?.length === 1);
    const eager = props.map((p) => p.fieldNames[0]);
    const moments = new Set(props.filter((p) => p.runtimeType === 'Date').map((p) => p.fieldNames[0]));
    table = { eager, moments, full: { sql: selectList(eager, moments), unread: [] } };
    tables.set(meta, table);
  }
  return table;
}

// Moments come as epoch milliseconds (float8): a number becomes a Date many times faster than
// PostgreSQL's timestamp text is parsed.
function selectList(columns: readonly string[], moments: ReadonlySet<string>): string {
  return columns.map((name) => (moments.has(name) ? `date_part('epoch', a.${name}) * 1000 as ${name}` : `a.${name}`)).join(', ');
}

/**
 * The columns a page reads for the selected fields (names and `field.subfield`
 * paths, as `selectedFieldPathsAt` gives them): only theirs when every field
 * is listed in APPEAL_FIELD_COLUMNS, else the whole row. Unknown sub-field
 * paths need nothing beyond their parent's columns.
 */
export function appealColumnsFor(em: EntityManager, fields: ReadonlySet<string> | undefined): AppealColumns {
  const table = tableOf(em);
  if (!fields) return table.full;
  const needed = new Set<string>(['id']);
  for (const field of fields) {
    const columns = APPEAL_FIELD_COLUMNS[field];
    if (columns) for (const column of columns) needed.add(column);
    else if (!field.includes('.')) return table.full;
  }
  const read = table.eager.filter((column) => needed.has(column));
  const key = read.join(',');
  let columns = selections.get(key);
  if (!columns) {
    columns = { sql: selectList(read, table.moments), unread: table.eager.filter((column) => !needed.has(column)) };
    selections.set(key, columns);
  }
  return columns;
}
