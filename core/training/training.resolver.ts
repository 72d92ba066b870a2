import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Organization } from '../entities/organization.entity.js';
import { User } from '../entities/user.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { requireUser } from '../auth/require-user.js';
import { pgQuery } from '../db/pg-query.js';
import { entityView } from '../db/entity-view.js';
import { Seminar } from './seminar.entity.js';
import { SeminarConnection, SeminarFilter, SeminarInput } from './seminar.types.js';
import { createSeminar, recordAttendance } from './seminar.service.js';

@ArgsType()
class SeminarsArgs extends ForwardPageArgs {
  @Field(() => SeminarFilter, { nullable: true, description: 'Отбор' }) filter?: SeminarFilter | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `where` text and values of a seminar filter over `seminar as s`, numbering values from `start`. */
function filterSql(filter: SeminarFilter | null | undefined, values: unknown[]): string {
  const where: string[] = [];
  const add = (value: unknown) => `$${values.push(value)}`;
  if (filter?.topic) where.push(`s.topic = ${add(filter.topic)}`);
  if (filter?.from) where.push(`s.starts_at >= ${add(filter.from)}`);
  if (filter?.to) where.push(`s.starts_at < ${add(filter.to)}`);
  if (filter?.organizationId) {
    // An id that is no UUID matches nothing (rather than a cast error).
    const org = add(UUID.test(filter.organizationId) ? filter.organizationId : null);
    where.push(
      `(${org}::uuid = any(s.organization_ids) or s.id in (select sa.seminar_id from seminar_attendance sa join app_user u on u.id = sa.user_id where u.organization_id = ${org}::uuid))`,
    );
  }
  return where.length ? where.join(' and ') : 'true';
}

const toSeminar = (em: EntityManager) => entityView(em, Seminar);

/** Training of the bodies' specialists (the decree, clause 8): seminars, attendance, each body's history. */
@Resolver(() => Seminar)
export class TrainingResolver {
  @Query(() => SeminarConnection, { description: 'Семинары, новые первыми' })
  async seminars(@Args(() => SeminarsArgs) args: SeminarsArgs, @Ctx() ctx: RequestContext) {
    requireUser(ctx);
    const page = readPageArgs(args, 2);
    const values: unknown[] = [];
    const where = filterSql(args.filter, values);
    const backward = page.direction === 'backward';
    const dir = backward ? 'asc' : 'desc';
    let cursor = '';
    if (page.cursor) {
      const [at, id] = page.cursor as [string, string];
      cursor = ` and (s.starts_at, s.id) ${backward ? '>' : '<'} ($${values.push(at)}::timestamptz, $${values.push(UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000')}::uuid)`;
    }
    const rows = await pgQuery(
      ctx.em,
      `select s.* from seminar s where ${where}${cursor} order by s.starts_at ${dir}, s.id ${dir} limit ${page.limit + 1}`,
      values,
    );
    const map = toSeminar(ctx.em);
    const seminars = rows.map((r) => map(r));
    return toConnection(
      seminars,
      page,
      (s) => [s.startsAt.toISOString(), s.id],
      async () => {
        const countValues: unknown[] = [];
        const [row] = await pgQuery<{ count: number }>(
          ctx.em,
          `select count(*)::int as count from seminar s where ${filterSql(args.filter, countValues)}`,
          countValues,
        );
        return row?.count ?? 0;
      },
    );
  }

  @Mutation(() => Seminar, { description: 'Запланировать семинар' })
  createSeminar(@Arg('input', () => SeminarInput, { description: 'Семинар' }) input: SeminarInput, @Ctx() ctx: RequestContext) {
    requireUser(ctx);
    return createSeminar(ctx.em, ctx.clock.now(), input);
  }

  @Mutation(() => Seminar, { description: 'Отметить присутствие пользователей на семинаре (повтор ничего не меняет)' })
  recordAttendance(
    @Arg('seminarId', () => ID, { description: 'Идентификатор семинара (UUID)' }) seminarId: string,
    @Arg('userIds', () => [ID], { description: 'Присутствовавшие пользователи' }) userIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    requireUser(ctx);
    return recordAttendance(ctx.em, ctx.clock.now(), seminarId, userIds);
  }

  @FieldResolver(() => [User], { description: 'Присутствовавшие' })
  async attendees(@Root() seminar: Seminar, @Ctx() ctx: RequestContext) {
    const loader = ctx.loaders.named<string, string[]>('seminarAttendees', async (ids, em) => {
      const rows = await pgQuery<{ seminar_id: string; ids: string[] }>(
        em,
        'select seminar_id, array_agg(user_id order by recorded_at, user_id) as ids from seminar_attendance where seminar_id = any($1::uuid[]) group by seminar_id',
        [[...ids]],
      );
      const byId = new Map(rows.map((r) => [r.seminar_id, r.ids]));
      return ids.map((id) => byId.get(id) ?? []);
    });
    const userIds = (await loader.load(seminar.id)) ?? [];
    const users = await Promise.all(userIds.map((id) => ctx.loaders.user.load(id)));
    return users.filter((u): u is User => u !== null);
  }

  @FieldResolver(() => [Organization], { description: 'Приглашённые органы (пусто — для всех)' })
  async organizations(@Root() seminar: Seminar, @Ctx() ctx: RequestContext) {
    const orgs = await Promise.all(seminar.organizationIds.map((id) => ctx.loaders.organization.load(id)));
    return orgs.filter((o): o is Organization => o !== null);
  }
}

/** Organization.seminars: the body's training history, one statement for a list of bodies. */
@Resolver(() => Organization)
export class OrganizationSeminarsResolver {
  @FieldResolver(() => [Seminar], { description: 'Обучение органа: семинары, на которые он приглашён или где были его сотрудники, новые первыми' })
  async seminars(@Root() organization: Organization, @Ctx() ctx: RequestContext) {
    const loader = ctx.loaders.named<string, Seminar[]>('organizationSeminars', async (ids, em) => {
      const rows = await pgQuery<Record<string, unknown> & { org_id: string }>(
        em,
        `select o.id as org_id, s.* from unnest($1::uuid[]) o(id) join seminar s
           on o.id = any(s.organization_ids)
           or s.id in (select sa.seminar_id from seminar_attendance sa join app_user u on u.id = sa.user_id where u.organization_id = o.id)
         order by s.starts_at desc, s.id desc`,
        [[...ids]],
      );
      const map = toSeminar(em);
      const byOrg = new Map<string, Seminar[]>();
      for (const row of rows) {
        const list = byOrg.get(row.org_id) ?? [];
        list.push(map(row));
        byOrg.set(row.org_id, list);
      }
      return ids.map((id) => byOrg.get(id) ?? []);
    });
    return (await loader.load(organization.id)) ?? [];
  }
}
