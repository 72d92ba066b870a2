import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Appeal, Organization } from '../entities/index.js';
import { and, query, sql } from '../db/sql.js';
import { appealScopeSql } from './measures/appeal-conditions.js';
import { requireUser } from '../auth/require-user.js';
import type { RequestContext } from '../auth/request-context.js';
import { badInput } from '../errors/errors.js';
import { analyticsContext, type AnalyticsServices } from './measures/analytics-context.js';
import { findConflicts } from './conflicts.service.js';
import { Conflict, ConflictKind } from './conflicts.types.js';

const MAX_CONFLICTS = 2000;

@Resolver(() => Conflict)
export class ConflictsResolver {
  @Query(() => [Conflict], { description: 'Конфликтные ситуации за период (распоряжение, п. 8): причина и обращения' })
  async conflicts(
    @Arg('from', () => DateTime, { description: 'Начало периода (включительно)' }) from: Date,
    @Arg('to', () => DateTime, { description: 'Конец периода (не включительно)' }) to: Date,
    @Arg('kinds', () => [ConflictKind], { nullable: true, description: 'Виды (любой из); без них — все' }) kinds: ConflictKind[] | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 500, description: `Не больше ${MAX_CONFLICTS}` }) first: number,
    @Ctx() ctx: RequestContext<AnalyticsServices>,
  ): Promise<Conflict[]> {
    if (first < 0 || first > MAX_CONFLICTS) throw badInput('first', `first должно быть от 0 до ${MAX_CONFLICTS}`);
    const { items } = await findConflicts(analyticsContext(ctx), from, to, kinds);
    return items.slice(0, first);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Ответственный орган' })
  organization(@Root() conflict: Conflict, @Ctx() ctx: RequestContext<AnalyticsServices>) {
    return conflict.organizationId ? ctx.loaders.organization.load(conflict.organizationId) : null;
  }

  @FieldResolver(() => [Appeal], { description: 'Обращения, на которых основана ситуация (видимые вызывающему)' })
  async appeals(@Root() conflict: Conflict, @Ctx() ctx: RequestContext<AnalyticsServices>): Promise<Appeal[]> {
    const user = requireUser(ctx);
    const loader = ctx.loaders.named<string, Appeal>('scopedAppeal', async (ids, em) => {
      const rows = await query(em, sql`select a.* from appeal as a where ${and([sql`a.id = any(${[...ids]}::uuid[])`, ...appealScopeSql(user)])}`);
      const found = new Map(rows.map((row) => [row.id as string, em.map(Appeal, row)]));
      return ids.map((id) => found.get(id) ?? null);
    });
    const appeals = await loader.loadMany(conflict.appealIds);
    return appeals.filter((a): a is Appeal => a instanceof Appeal);
  }
}
