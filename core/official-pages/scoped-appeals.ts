import type { EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { appealScope } from '../auth/appeal-scope.js';
import { query, queryOne, raw, sql, type Sql } from '../db/sql.js';
import { entityView } from '../db/entity-view.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';

/**
 * A connection of the appeals that match `condition` (over `appeal as a`),
 * narrowed to what the caller may see by the one scope rule (appealScope),
 * newest first. Used by OfficialPage.comments and Recommendation.appeals.
 */
export async function scopedAppealConnection(em: EntityManager, user: AuthUser, condition: Sql, args: PageArgs): Promise<Connection<Appeal>> {
  const page = readPageArgs(args, 2);
  const where = sql`(${condition}) and ${appealScope(user)}`;
  const backward = page.direction === 'backward';
  const after = page.cursor ? sql` and (a.received_at, a.id) ${raw(backward ? '>' : '<')} (${page.cursor[0]}::timestamptz, ${page.cursor[1]}::uuid)` : sql``;
  const dir = raw(backward ? 'asc' : 'desc');
  const toAppeal = entityView(em, Appeal);
  const rows = await query(em, sql`select a.* from appeal as a where ${where}${after} order by a.received_at ${dir}, a.id ${dir} limit ${page.limit + 1}`);
  const appeals = rows.map((row) => toAppeal(row));
  return toConnection(
    appeals,
    page,
    (a) => [a.receivedAt.toISOString(), a.id],
    async () => {
      const row = await queryOne<{ count: string }>(em, sql`select count(*) as count from appeal as a where ${where}`);
      return Number(row?.count ?? 0);
    },
  );
}
