import { Sql, join, raw, sql } from '../db/sql.js';
import { Role, OPEN_STATUSES } from '../entities/enums.js';
import type { AuthUser } from '../auth/auth-user.js';
import { BY_SECTOR, SEE_ALL, SUBORDINATE_ORGANIZATIONS_SQL } from '../auth/appeal-scope.js';
import type { AppealFilter } from '../appeals/appeal-filter.input.js';
import { DEFAULT_AT_RISK_SHARE } from '../appeals/appeal-deadline.js';
import { deadlineStateCondition } from '../appeals/deadline-state.sql.js';
import { searchCondition } from '../db/appeal-search.sql.js';
import { badInput } from '../errors/errors.js';

/**
 * The appeal scope (core/auth/appeal-scope.ts, `applyAppealScope`) and the
 * AppealFilter (core/appeals/appeal-query.service.ts, `applyAppealFilter`) as
 * `Sql` conditions for the analytics statements, built from those modules'
 * own constants and SQL texts. They stand here until those modules give their
 * rules as fragments themselves; test/analytics/appeal-conditions.test.ts
 * keeps both equal to what `appeals` lists for every role and filter.
 */

/** The table aliases the analytics statements use (constants, never user text). */
export type Alias = 'a' | 'r' | 'v';

/** A text with `?` placeholders (the SQL constants shared with knex-era modules) as a fragment. */
export function placeholders(text: string, values: readonly unknown[]): Sql {
  const strings = text.split('?');
  if (strings.length !== values.length + 1) throw new Error(`${strings.length - 1} placeholders for ${values.length} values`);
  return new Sql(strings, values);
}

/** Column values as a list for `in (…)`: the text knex's whereIn wrote (enum columns compare with their own type). */
export const inList = (values: readonly unknown[]): Sql => join(values.map((value) => sql`${value}`));

/** What the caller may see, over `appeal as <alias>` (or rollup cells `r`): no condition for SEE_ALL. */
export function appealScopeSql(user: AuthUser, alias: Alias = 'a'): Sql[] {
  const a = raw(alias);
  if (SEE_ALL.has(user.role)) return [];
  if (BY_SECTOR.has(user.role)) return [sql`${a}.sector_id in (select id from sector where code = any(${user.sectors}::text[]))`];
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    return [sql`${a}.organization_id in (${placeholders(SUBORDINATE_ORGANIZATIONS_SQL, [user.organizationId])})`];
  }
  return [sql`false`];
}

/** The conditions of an AppealFilter over `appeal as a`. */
export function appealFilterSql(filter: AppealFilter | null | undefined, now: Date, atRiskShare = DEFAULT_AT_RISK_SHARE): Sql[] {
  if (!filter) return [];
  const out: Sql[] = [];
  if (filter.status?.length) out.push(sql`a.status in (${inList(filter.status)})`);
  if (filter.channel?.length) out.push(sql`a.channel in (${inList(filter.channel)})`);
  if (filter.organizationId?.length) out.push(sql`a.organization_id in (${inList(filter.organizationId)})`);
  if (filter.municipalityId?.length) out.push(sql`a.municipality_id in (${inList(filter.municipalityId)})`);
  if (filter.assigneeId?.length) out.push(sql`a.assignee_id in (${inList(filter.assigneeId)})`);
  if (filter.sector?.length) out.push(sql`a.sector_id in (select id from sector where code = any(${filter.sector}::text[]))`);
  if (filter.category?.length) out.push(sql`a.category_id in (select id from category where code = any(${filter.category}::text[]))`);
  const receivedFrom = renamedFilterField(filter, 'from', 'receivedFrom');
  const receivedTo = renamedFilterField(filter, 'to', 'receivedTo');
  if (receivedFrom) out.push(sql`a.received_at >= ${receivedFrom}`);
  if (receivedTo) out.push(sql`a.received_at < ${receivedTo}`);
  if (filter.due?.from) out.push(sql`a.due_at >= ${filter.due.from}`);
  if (filter.due?.to) out.push(sql`a.due_at < ${filter.due.to}`);
  if (filter.deadlineState) {
    const condition = deadlineStateCondition(filter.deadlineState, now, atRiskShare);
    out.push(placeholders(condition.sql, condition.values));
  }
  if (filter.isRepeat != null) out.push(sql`a.is_repeat = ${filter.isRepeat}`);
  if (filter.needsStructuring != null) out.push(sql`a.needs_structuring = ${filter.needsStructuring}`);
  if (filter.overdue != null) {
    // Same rule as the deadline state: open, not answered, past due, clock not paused.
    const overdue = sql`a.status::text = any(${[...OPEN_STATUSES]}::text[]) and a.answered_at is null and a.due_at < ${now} and a.paused_at is null`;
    out.push(filter.overdue ? overdue : sql`not coalesce(${overdue}, false)`);
  }
  const term = filter.search?.trim();
  if (term) out.push(placeholders(searchCondition('a'), [term, term, term]));
  return out;
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
