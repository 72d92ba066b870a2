import type { Knex } from '@mikro-orm/postgresql';
import { Role } from '../entities/enums.js';
import type { AuthUser } from './auth-user.js';
import { textArray } from '../db/sql-array.js';
import { identifier, sql, type Sql } from '../db/sql.js';

/** Roles that see every appeal (the decree's curator, the ЦУР, analysts, admins). */
export const SEE_ALL: ReadonlySet<Role> = new Set([Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ANALYST, Role.ADMIN]);
/** Roles that see the appeals of their sector blocks (`user.sectors`). */
export const BY_SECTOR: ReadonlySet<Role> = new Set([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER]);

/** The caller's organization and every body below it. */
export const SUBORDINATE_ORGANIZATIONS_SQL = `with recursive sub as (
  select id from organization where id = ?
  union all
  select o.id from organization o join sub on o.parent_id = sub.id
) select id from sub`;

/**
 * Narrows a query over `appeal as a` to what the caller may see: SQL
 * conditions, never filtering after loading. ORG_OPERATOR: its body and the
 * bodies below it; SECTOR_* and MINISTRY_OBSERVER: their sectors; everyone
 * else not in SEE_ALL (INTEGRATION, a role without its organization):
 * nothing. `isAppealVisible` (appeal-visibility.ts) is the same rule for one
 * appeal in hand; a test keeps the two equal.
 */
export function applyAppealScope(query: Knex.QueryBuilder, user: AuthUser, alias = 'a'): Knex.QueryBuilder {
  if (SEE_ALL.has(user.role)) return query;
  if (BY_SECTOR.has(user.role)) {
    return query.whereRaw(`${alias}.sector_id in (select id from sector where code = any(?::text[]))`, [textArray(user.sectors)]);
  }
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    return query.whereRaw(`${alias}.organization_id in (${SUBORDINATE_ORGANIZATIONS_SQL})`, [user.organizationId]);
  }
  return query.whereRaw('false');
}

/** `applyAppealScope` as a condition for `core/db/sql.ts` (the same rule, over the alias given; a test keeps them equal). */
export function appealScopeCondition(user: AuthUser, alias = 'a'): Sql {
  const column = (name: string) => sql`${identifier(alias)}.${identifier(name)}`;
  if (SEE_ALL.has(user.role)) return sql`true`;
  if (BY_SECTOR.has(user.role)) return sql`${column('sector_id')} in (select id from sector where code = any(${[...user.sectors]}::text[]))`;
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    return sql`${column('organization_id')} in (with recursive sub as (
      select id from organization where id = ${user.organizationId}::uuid
      union all
      select o.id from organization o join sub on o.parent_id = sub.id
    ) select id from sub)`;
  }
  return sql`false`;
}
