import type { EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';
import { OPEN_STATUSES } from '../entities/enums.js';
import { appealScope } from '../auth/appeal-scope.js';
import { entityView } from '../db/entity-view.js';
import { and, query, queryOne, raw, sql, type Sql } from '../db/sql.js';
import { appealColumnsFor } from './appeal-columns.js';
import { searchCondition, searchRank } from '../db/appeal-search.sql.js';
import { badInput } from '../errors/errors.js';
import { deadlineStateCondition } from './deadline-state.sql.js';
import { DEFAULT_AT_RISK_SHARE } from './appeal-deadline.js';
import type { AuthUser } from '../auth/auth-user.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';
import { AppealOrderField, OrderDirection, type AppealFilter, type AppealOrder } from './appeal-filter.input.js';

const ORDER_EXPRESSIONS: Record<Exclude<AppealOrderField, AppealOrderField.RELEVANCE>, Sql> = {
  [AppealOrderField.RECEIVED_AT]: sql`a.received_at`,
  [AppealOrderField.UPDATED_AT]: sql`a.updated_at`,
  [AppealOrderField.DUE_AT]: sql`coalesce(a.due_at, 'infinity'::timestamptz)`,
  [AppealOrderField.NUMBER]: sql`a.number`,
};

/** A sort key as a cursor can carry it (JSON has no Date and no Infinity). */
function cursorValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === Infinity) return 'infinity';
  return value;
}

/** The conditions of an AppealFilter over `appeal as a`. */
export function appealFilter(filter: AppealFilter | null | undefined, now: Date, atRiskShare = DEFAULT_AT_RISK_SHARE): Sql {
  if (!filter) return sql`true`;
  const conditions: Sql[] = [];
  if (filter.status?.length) conditions.push(sql`a.status = any(${filter.status}::appeal_status[])`);
  if (filter.channel?.length) conditions.push(sql`a.channel = any(${filter.channel}::channel[])`);
  if (filter.organizationId?.length) conditions.push(sql`a.organization_id = any(${filter.organizationId}::uuid[])`);
  if (filter.municipalityId?.length) conditions.push(sql`a.municipality_id = any(${filter.municipalityId}::uuid[])`);
  if (filter.assigneeId?.length) conditions.push(sql`a.assignee_id = any(${filter.assigneeId}::uuid[])`);
  if (filter.sector?.length) conditions.push(sql`a.sector_id in (select id from sector where code = any(${filter.sector}::text[]))`);
  if (filter.category?.length) conditions.push(sql`a.category_id in (select id from category where code = any(${filter.category}::text[]))`);
  const receivedFrom = renamedFilterField(filter, 'from', 'receivedFrom');
  const receivedTo = renamedFilterField(filter, 'to', 'receivedTo');
  if (receivedFrom) conditions.push(sql`a.received_at >= ${receivedFrom}`);
  if (receivedTo) conditions.push(sql`a.received_at < ${receivedTo}`);
  if (filter.due?.from) conditions.push(sql`a.due_at >= ${filter.due.from}`);
  if (filter.due?.to) conditions.push(sql`a.due_at < ${filter.due.to}`);
  if (filter.deadlineState) conditions.push(deadlineStateCondition(filter.deadlineState, now, atRiskShare));
  if (filter.isRepeat != null) conditions.push(sql`a.is_repeat = ${filter.isRepeat}`);
  if (filter.needsStructuring != null) conditions.push(sql`a.needs_structuring = ${filter.needsStructuring}`);
  if (filter.overdue != null) {
    // Same rule as the deadline state: open, not answered, past due, clock not paused.
    const overdue = sql`a.status::text = any(${[...OPEN_STATUSES]}::text[]) and a.answered_at is null and a.due_at < ${now} and a.paused_at is null`;
    conditions.push(filter.overdue ? overdue : sql`not coalesce(${overdue}, false)`);
  }
  const term = searchTerm(filter);
  if (term) conditions.push(searchCondition('a', term));
  return and(conditions);
}

/** A filter field with its deprecated name beside it: either, or both when they agree. */
function renamedFilterField(filter: AppealFilter, name: 'from' | 'to', deprecated: 'receivedFrom' | 'receivedTo'): Date | null {
  const value = filter[name];
  const old = filter[deprecated];
  if (value && old && value.getTime() !== old.getTime()) {
    throw badInput(`filter.${deprecated}`, `filter.${deprecated} устарел и расходится с filter.${name}: передайте только ${name}`);
  }
  return value ?? old ?? null;
}

const searchTerm = (filter: AppealFilter | null | undefined) => filter?.search?.trim() || null;

export interface AppealListArgs extends PageArgs {
  filter?: AppealFilter | null;
  orderBy?: AppealOrder | null;
  /** DEADLINE_POLICY's AT_RISK share, as `Appeal.deadline` uses it (filter.deadlineState). */
  atRiskShare?: number;
  /** The Appeal fields (and `field.subfield` paths) the client selected on the nodes, when known: picks the columns read. */
  fields?: ReadonlySet<string>;
}

/** Reads a page of appeals in two statements at most (the page, and the count if selected). */
export async function listAppeals(em: EntityManager, user: AuthUser, args: AppealListArgs, now: Date): Promise<Connection<Appeal>> {
  const term = searchTerm(args.filter);
  // A search is ranked by relevance unless the client orders otherwise.
  const field = args.orderBy?.field ?? (term ? AppealOrderField.RELEVANCE : AppealOrderField.RECEIVED_AT);
  if (field === AppealOrderField.RELEVANCE && !term) throw badInput('orderBy.field', 'Порядок RELEVANCE — только вместе с filter.search');
  const descending = (args.orderBy?.direction ?? OrderDirection.DESC) === OrderDirection.DESC;
  const sortKind = field === AppealOrderField.NUMBER ? 'text' : field === AppealOrderField.RELEVANCE ? 'number' : 'timestamp';
  // The cursor's values are checked by kind; its third names the order it was made in.
  const page = readPageArgs(args, [sortKind, 'uuid', 'text']);
  // Reused under another order it would skip or repeat rows.
  if (page.cursor && page.cursor[2] !== field) {
    throw badInput(args.before != null && args.after == null ? 'before' : 'after', 'Курсор получен при другом порядке сортировки (orderBy)');
  }
  const where = and([appealFilter(args.filter, now, args.atRiskShare), appealScope(user)]);

  const sortExpr = field === AppealOrderField.RELEVANCE ? searchRank('a', term!) : ORDER_EXPRESSIONS[field];
  // Reading backward walks the order in reverse and flips the page afterwards.
  const walkDescending = page.direction === 'forward' ? descending : !descending;
  const dir = raw(walkDescending ? 'desc' : 'asc');
  const fields = args.fields;
  const columns = appealColumnsFor(em, fields);
  const after = page.cursor ? sql` and (${sortExpr}, a.id) ${raw(walkDescending ? '<' : '>')} (${page.cursor[0]}, ${page.cursor[1]})` : sql``;
  // By due date the rows are ordered on the column itself, nulls where coalesce(…, infinity) puts them:
  // the same order as the key, but one the due_at index serves (the key sorted every matching row).
  const orderExpr = field === AppealOrderField.DUE_AT ? sql`a.due_at ${dir} nulls ${raw(walkDescending ? 'first' : 'last')}` : sql`${sortExpr} ${dir}`;
  const statement = sql`select ${raw(columns.sql)}, ${sortExpr} as sort_key from appeal as a
    where ${where}${after} order by ${orderExpr}, a.id ${dir} limit ${page.limit + 1}`;

  const rows = await query(em, statement);
  const sortKeys = new Map<string, unknown>();
  const toAppeal = entityView(em, Appeal, columns.unread);
  const appeals = rows.map((row) => {
    const appeal = toAppeal(row);
    sortKeys.set(appeal.id, cursorValue(row.sort_key));
    return appeal;
  });
  return toConnection(
    appeals,
    page,
    (appeal) => [sortKeys.get(appeal.id), appeal.id, field],
    async () => {
      const row = await queryOne<{ count: string }>(em, sql`select count(*) as count from appeal as a where ${where}`);
      return Number(row?.count ?? 0);
    },
  );
}
