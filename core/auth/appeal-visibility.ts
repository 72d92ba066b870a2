import type { EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';
import type { RequestContext } from './request-context.js';
import type { AuthUser } from './auth-user.js';
import { appealScope, BY_SECTOR, SEE_ALL, subordinateOrganizations } from './appeal-scope.js';
import { query, sql } from '../db/sql.js';
import { Role } from '../entities/enums.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the visibility of one appeal depends on (an event on the bus carries both). */
export interface AppealScopeFacts {
  sectorCode: string | null;
  organizationId: string | null;
}

/** The organization and every body below it, by the `parent` hierarchy. */
export async function subordinateOrganizationIds(em: EntityManager, organizationId: string): Promise<Set<string>> {
  const rows = await query<{ id: string }>(em, subordinateOrganizations(organizationId));
  return new Set(rows.map((row) => row.id));
}

/**
 * The same rule as `applyAppealScope`, for one appeal already in hand (an
 * event for a subscriber). `subordinates` are the ORG_OPERATOR's body and
 * those below it (`subordinateOrganizationIds`).
 */
export function isAppealVisible(user: AuthUser, appeal: AppealScopeFacts, subordinates: ReadonlySet<string>): boolean {
  if (SEE_ALL.has(user.role)) return true;
  if (BY_SECTOR.has(user.role)) return appeal.sectorCode !== null && user.sectors.includes(appeal.sectorCode);
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    return appeal.organizationId !== null && subordinates.has(appeal.organizationId);
  }
  return false;
}

/**
 * May the caller of this request (or subscription) see an appeal with these
 * facts? The organization hierarchy is read once per request and cached.
 */
export async function canSeeAppeal(ctx: Pick<RequestContext, 'user' | 'loaders'>, appeal: AppealScopeFacts): Promise<boolean> {
  const user = ctx.user;
  if (!user) return false;
  let subordinates: ReadonlySet<string> = new Set();
  if (user.role === Role.ORG_OPERATOR && user.organizationId) {
    subordinates = (await ctx.loaders
      .named<string, Set<string>>('subordinateOrganizations', (ids, em) => Promise.all(ids.map((id) => subordinateOrganizationIds(em, id))))
      .load(user.organizationId))!;
  }
  return isAppealVisible(user, appeal, subordinates);
}

/**
 * Loads appeals by id within the caller's scope, batched per request: a
 * foreign or missing appeal is null. For every place that reaches an appeal
 * by reference (`Appeal.repeatOf`, an event's appeal, a problem's appeals).
 */
export function loadVisibleAppeal(ctx: Pick<RequestContext, 'user' | 'loaders'>, id: string): Promise<Appeal | null> {
  const user = ctx.user;
  if (!user) return Promise.resolve(null);
  return ctx.loaders
    .named<string, Appeal>('visibleAppeal', async (ids, em) => {
      // A malformed id names no appeal: NOT_FOUND for the caller, not a database error.
      const wellFormed = ids.filter((id) => UUID.test(id));
      if (!wellFormed.length) return ids.map(() => null);
      const rows = await query(em, sql`select a.* from appeal as a where a.id = any(${wellFormed}::uuid[]) and ${appealScope(user)}`);
      const found = new Map(rows.map((row) => [row.id as string, em.map(Appeal, row)]));
      return ids.map((id) => found.get(id) ?? null);
    })
    .load(id);
}
