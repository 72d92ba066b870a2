import { Sql, join, sql } from '../../db/sql.js';

import type { AuthUser } from '../../auth/auth-user.js';
import { SEE_ALL, appealScope } from '../../auth/appeal-scope.js';
import { appealFilter } from '../../appeals/appeal-query.service.js';
import type { AppealFilter } from '../../appeals/appeal-filter.input.js';
import { DEFAULT_AT_RISK_SHARE } from '../../appeals/appeal-deadline.js';

/**
 * The appeal scope and the AppealFilter as lists of conditions for the
 * analytics statements (empty when there is nothing to narrow), from the one
 * rule of each (core/auth/appeal-scope.ts, core/appeals/appeal-query.service.ts);
 * test/analytics/analytics-sql.test.ts keeps them equal to what `appeals`
 * lists for every role and filter.
 */

/** The table aliases the analytics statements use (constants, never user text). */
export type Alias = 'a' | 'r' | 'v';

/** Column values as a list for `in (…)`: the text knex's whereIn wrote (enum columns compare with their own type). */
export const inList = (values: readonly unknown[]): Sql => join(values.map((value) => sql`${value}`));

/** What the caller may see, over `appeal as <alias>` (or rollup cells `r`): no condition for SEE_ALL (core/auth/appeal-scope.ts's rule). */
export function appealScopeSql(user: AuthUser, alias: Alias = 'a'): Sql[] {
  return SEE_ALL.has(user.role) ? [] : [appealScope(user, alias)];
}

/** The conditions of an AppealFilter over `appeal as a` (core/appeals/appeal-query.service.ts's rule): none without a filter. */
export function appealFilterSql(filter: AppealFilter | null | undefined, now: Date, atRiskShare = DEFAULT_AT_RISK_SHARE): Sql[] {
  return filter ? [appealFilter(filter, now, atRiskShare)] : [];
}
