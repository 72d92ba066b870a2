import { Role } from '../entities/enums.js';
import type { AuthUser } from './auth-user.js';
import { identifier, sql, type Sql } from '../db/sql.js';

/** Roles that see every appeal (the decree's curator, the ЦУР, analysts, admins). */
export const SEE_ALL: ReadonlySet<Role> = new Set([Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ANALYST, Role.ADMIN]);
/** Roles that see the appeals of their sector blocks (`user.sectors`). */
export const BY_SECTOR: ReadonlySet<Role> = new Set([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER]);

/** The ids of an organization and of every body below it. */
export function subordinateOrganizations(organizationId: string): Sql {
  return sql`with recursive sub as (
  select id from organization where id = ${organizationId}::uuid
  union all
  select o.id from organization o join sub on o.parent_id = sub.id
) select id from sub`;
}

/**
 * The condition that narrows `appeal as <alias>` to what the caller may see:
 * SQL, never filtering after loading. ORG_OPERATOR: its body and the bodies
 * below it; SECTOR_* and MINISTRY_OBSERVER: their sectors; everyone else not
 * in SEE_ALL (INTEGRATION, a role without its organization): nothing.
 * `isAppealVisible` (appeal-visibility.ts) is the same rule for one appeal in
 * hand; a test keeps the two equal.
 */
export function appealScope(user: AuthUser, alias = 'a'): Sql {
  if (SEE_ALL.has(user.role)) return sql`true`;
  if (BY_SECTOR.has(user.role)) {
    return sql`${identifier(alias)}.sector_id in (select id from sector where code = any(${[...user.sectors]}::text[]))`;
  }
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    return sql`${identifier(alias)}.organization_id in (${subordinateOrganizations(user.organizationId)})`;
  }
  return sql`false`;
}
