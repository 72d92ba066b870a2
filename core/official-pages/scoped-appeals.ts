import type { EntityManager } from '@mikro-orm/postgresql';
import { Appeal } from '../entities/appeal.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { applyAppealScope } from '../auth/appeal-scope.js';
import { pgQueryOf } from '../db/pg-query.js';
import { entityView } from '../db/entity-view.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';

/**
 * A connection of the appeals that match `condition` (SQL over `appeal as a`
 * with `?` bindings), narrowed to what the caller may see by the one scope
 * rule (applyAppealScope), newest first. Used by OfficialPage.comments and
 * Recommendation.appeals. The scope rule is a knex builder today; the
 * statement itself runs through pgQuery (core/db/pg-query.ts).
 */
export async function scopedAppealConnection(
  em: EntityManager,
  user: AuthUser,
  condition: string,
  bindings: unknown[],
  args: PageArgs,
): Promise<Connection<Appeal>> {
  const page = readPageArgs(args, 2);
  const knex = em.getKnex();
  const base = () => applyAppealScope(knex('appeal as a').whereRaw(condition, bindings as never[]), user);
  const query = base().select('a.*');
  const backward = page.direction === 'backward';
  if (page.cursor) {
    query.whereRaw(`(a.received_at, a.id) ${backward ? '>' : '<'} (?::timestamptz, ?::uuid)`, page.cursor as [string, string]);
  }
  const dir = backward ? 'asc' : 'desc';
  query.orderByRaw(`a.received_at ${dir}, a.id ${dir}`).limit(page.limit + 1);
  const toAppeal = entityView(em, Appeal);
  const appeals = (await pgQueryOf(em, query)).map((row) => toAppeal(row));
  return toConnection(
    appeals,
    page,
    (a) => [a.receivedAt.toISOString(), a.id],
    async () => {
      const [row] = await pgQueryOf<{ count: number }>(em, base().count({ count: '*' }));
      return Number(row?.count ?? 0);
    },
  );
}
