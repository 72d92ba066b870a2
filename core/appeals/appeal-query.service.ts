import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';
import { OPEN_STATUSES } from '../entities/enums.js';
import { applyAppealScope } from '../auth/appeal-scope.js';
import { textArray } from '../db/sql-array.js';
import { entityView } from '../db/entity-view.js';
import { pgQueryOf } from '../db/pg-query.js';
import { appealColumnsFor } from './appeal-columns.js';
import { searchCondition, searchRank } from '../db/appeal-search.sql.js';
import { badInput } from '../errors/errors.js';
import { deadlineStateCondition } from './deadline-state.sql.js';
import { DEFAULT_AT_RISK_SHARE } from './appeal-deadline.js';
import type { AuthUser } from '../auth/auth-user.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';
import { AppealOrderField, OrderDirection, type AppealFilter, type AppealOrder } from './appeal-filter.input.js';

const ORDER_EXPRESSIONS: Record<Exclude<AppealOrderField, AppealOrderField.RELEVANCE>, string> = {
  [AppealOrderField.RECEIVED_AT]: 'a.received_at',
  [AppealOrderField.UPDATED_AT]: 'a.updated_at',
  [AppealOrderField.DUE_AT]: "coalesce(a.due_at, 'infinity'::timestamptz)",
  [AppealOrderField.NUMBER]: 'a.number',
};

/** A sort key as a cursor can carry it (JSON has no Date and no Infinity). */
function cursorValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === Infinity) return 'infinity';
  return value;
}

/** Adds the conditions of an AppealFilter to a query over `appeal as a`. */
export function applyAppealFilter(
  query: Knex.QueryBuilder,
  filter: AppealFilter | null | undefined,
  now: Date,
  atRiskShare = DEFAULT_AT_RISK_SHARE,
): Knex.QueryBuilder {
  if (!filter) return query;
  if (filter.status?.length) query.whereIn('a.status', filter.status);
  if (filter.channel?.length) query.whereIn('a.channel', filter.channel);
  if (filter.organizationId?.length) query.whereIn('a.organization_id', filter.organizationId);
  if (filter.municipalityId?.length) query.whereIn('a.municipality_id', filter.municipalityId);
  if (filter.assigneeId?.length) query.whereIn('a.assignee_id', filter.assigneeId);
  if (filter.sector?.length) query.whereRaw('a.sector_id in (select id from sector where code = any(?::text[]))', [textArray(filter.sector)]);
  if (filter.category?.length) query.whereRaw('a.category_id in (select id from category where code = any(?::text[]))', [textArray(filter.category)]);
  const receivedFrom = renamedFilterField(filter, 'from', 'receivedFrom');
  const receivedTo = renamedFilterField(filter, 'to', 'receivedTo');
  if (receivedFrom) query.where('a.received_at', '>=', receivedFrom);
  if (receivedTo) query.where('a.received_at', '<', receivedTo);
  if (filter.due?.from) query.where('a.due_at', '>=', filter.due.from);
  if (filter.due?.to) query.where('a.due_at', '<', filter.due.to);
  if (filter.deadlineState) {
    const condition = deadlineStateCondition(filter.deadlineState, now, atRiskShare);
    query.whereRaw(condition.sql, condition.values as never[]);
  }
  if (filter.isRepeat != null) query.where('a.is_repeat', filter.isRepeat);
  if (filter.needsStructuring != null) query.where('a.needs_structuring', filter.needsStructuring);
  if (filter.overdue != null) {
    // Same rule as the deadline state: open, not answered, past due, clock not paused.
    const overdue = 'a.status::text = any(?::text[]) and a.answered_at is null and a.due_at < ? and a.paused_at is null';
    const statuses = textArray(OPEN_STATUSES);
    if (filter.overdue) query.whereRaw(overdue, [statuses, now]);
    else query.whereRaw(`not coalesce(${overdue}, false)`, [statuses, now]);
  }
  const term = searchTerm(filter);
  if (term) query.whereRaw(searchCondition('a'), [term, term, term]);
  return query;
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
  const knex = em.getKnex();
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
  const base = () => applyAppealScope(applyAppealFilter(knex('appeal as a'), args.filter, now, args.atRiskShare), user);

  const sort = field === AppealOrderField.RELEVANCE ? { sql: searchRank('a'), bindings: [term, term, term] } : { sql: ORDER_EXPRESSIONS[field], bindings: [] };
  const sortExpr = sort.sql;
  // Reading backward walks the order in reverse and flips the page afterwards.
  const walkDescending = page.direction === 'forward' ? descending : !descending;
  const dir = walkDescending ? 'desc' : 'asc';
  const fields = args.fields;
  const columns = appealColumnsFor(em, fields);
  const query = base().select(knex.raw(`${columns.sql}, ${sortExpr} as sort_key`, sort.bindings));
  if (page.cursor) {
    query.whereRaw(`(${sortExpr}, a.id) ${walkDescending ? '<' : '>'} (?, ?)`, [...sort.bindings, page.cursor[0], page.cursor[1]] as string[]);
  }
  query.orderByRaw(`${sortExpr} ${dir}, a.id ${dir}`, sort.bindings).limit(page.limit + 1);

  const rows = await pgQueryOf(em, query);
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
      const [{ count }] = await em.getConnection().execute(base().count({ count: '*' }));
      return Number(count);
    },
  );
}
