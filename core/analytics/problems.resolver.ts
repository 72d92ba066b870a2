import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Appeal, Category, Municipality, Organization, Problem } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import { requireUser } from '../auth/require-user.js';
import { and, query, sql } from '../db/sql.js';
import { appealScopeSql } from './measures/appeal-conditions.js';
import { personalTextFor } from '../auth/personal-data.js';
import { notFound } from '../errors/errors.js';
import { createRadiusProblem, detectProblems, listProblems, problemTrend, updateProblem } from './problems.service.js';
import { CreateProblemInput, ProblemConnection, ProblemFilter, ProblemTrend, UpdateProblemInput } from './problems.types.js';
import { ForwardPageArgs } from '../graphql/pagination.js';

@ArgsType()
class ProblemsArgs extends ForwardPageArgs {
  @Field(() => ProblemFilter, { nullable: true, description: 'Отбор' }) filter?: ProblemFilter | null;
}

async function loadProblem(ctx: RequestContext, id: string): Promise<Problem> {
  const problem = await ctx.em.fork().findOne(Problem, { id });
  if (!problem) throw notFound('Проблема', id);
  return problem;
}

@Resolver(() => Problem)
export class ProblemResolver {
  @Query(() => ProblemConnection, { description: 'Региональный перечень проблем (распоряжение, п. 8): кластеры обращений по рубрике и месту' })
  problems(@Args(() => ProblemsArgs) args: ProblemsArgs, @Ctx() ctx: RequestContext) {
    return listProblems(ctx.em, requireUser(ctx), args.filter, args);
  }

  @Mutation(() => [Problem], { description: 'Собрать проблемы за период: рубрика × муниципалитет × улица, не меньше minCount обращений' })
  async detectProblems(
    @Arg('from', () => DateTime, { description: 'Начало периода (включительно)' }) from: Date,
    @Arg('to', () => DateTime, { description: 'Конец периода (не включительно)' }) to: Date,
    @Arg('minCount', () => Int, { nullable: true, description: 'По умолчанию PROBLEM_MIN_APPEALS' }) minCount: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Problem[]> {
    const ids = await detectProblems(ctx.em, { from, to, minCount: minCount ?? ctx.app.config.PROBLEM_MIN_APPEALS });
    return ids.length ? ctx.em.fork().find(Problem, { id: { $in: ids } }, { orderBy: { appealCount: 'desc', id: 'asc' } }) : [];
  }

  @Mutation(() => Problem, { description: 'Проблема по месту: обращения рубрики в радиусе от точки' })
  async createProblem(@Arg('input', () => CreateProblemInput, { description: 'Проблема' }) input: CreateProblemInput, @Ctx() ctx: RequestContext) {
    return loadProblem(ctx, await createRadiusProblem(ctx.em, input));
  }

  @Mutation(() => Problem, { description: 'Статус, решение, показатель национального проекта, ответственный орган' })
  async updateProblem(
    @Arg('id', () => ID, { description: 'Идентификатор проблемы (UUID)' }) id: string,
    @Arg('input', () => UpdateProblemInput, { description: 'Изменения' }) input: UpdateProblemInput,
    @Ctx() ctx: RequestContext,
  ) {
    await updateProblem(ctx.em, id, input, ctx.clock.now());
    return loadProblem(ctx, id);
  }

  @FieldResolver(() => String, { description: 'Название проблемы (номера квартир и контакты скрыты от ролей без доступа к персональным данным)' })
  title(@Root() problem: Problem, @Ctx() ctx: RequestContext): string {
    return personalTextFor(ctx.user, problem.title) ?? '';
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Адрес (улица), к которому относятся обращения; номера квартир скрыты от ролей без доступа к персональным данным',
  })
  address(@Root() problem: Problem, @Ctx() ctx: RequestContext): string | null {
    return personalTextFor(ctx.user, problem.address);
  }

  @FieldResolver(() => ProblemTrend, { description: 'Динамика против предыдущего такого же периода' })
  trend(@Root() problem: Problem): ProblemTrend {
    return problemTrend(problem.appealCount, problem.previousCount);
  }

  @FieldResolver(() => Category, { description: 'Рубрика' })
  category(@Root() problem: Problem, @Ctx() ctx: RequestContext) {
    return ctx.loaders.category.load(problem.category.id);
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Муниципальное образование' })
  municipality(@Root() problem: Problem, @Ctx() ctx: RequestContext) {
    return problem.municipality ? ctx.loaders.municipality.load(problem.municipality.id) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Ответственный орган' })
  responsibleOrganization(@Root() problem: Problem, @Ctx() ctx: RequestContext) {
    return problem.responsibleOrganization ? ctx.loaders.organization.load(problem.responsibleOrganization.id) : null;
  }

  @FieldResolver(() => [ID], { description: 'Обращения, из которых сложилась проблема (идентификаторы), видимые вызывающему' })
  appealIds(@Root() problem: Problem, @Ctx() ctx: RequestContext) {
    const user = requireUser(ctx);
    return ctx.loaders
      .named<string, string[]>('problemAppealIds', async (ids, em) => {
        // A problem may gather appeals of several bodies: an operator sees its own bodies' only (the scope of appeal(id)).
        const rows = await query<{ problem_id: string; appeal_id: string }>(
          em,
          sql`select pa.problem_id, pa.appeal_id from problem_appeal as pa join appeal as a on a.id = pa.appeal_id
            where ${and([sql`pa.problem_id = any(${[...ids]}::uuid[])`, ...appealScopeSql(user)])} order by pa.appeal_id`,
        );
        return ids.map((id) => rows.filter((r) => r.problem_id === id).map((r) => r.appeal_id));
      })
      .load(problem.id);
  }
}

@Resolver(() => Appeal)
export class AppealProblemResolver {
  @FieldResolver(() => Problem, { nullable: true, description: 'Региональная проблема, к которой отнесено обращение' })
  problem(@Root() appeal: Appeal, @Ctx() ctx: RequestContext) {
    return ctx.loaders
      .named<string, Problem>('appealProblem', async (ids, em) => {
        const rows = await query(
          em,
          sql`select distinct on (pa.appeal_id) pa.appeal_id as link_appeal_id, p.* from problem_appeal as pa join problem as p on p.id = pa.problem_id
            where pa.appeal_id = any(${[...ids]}::uuid[]) order by pa.appeal_id, p.window_to desc, p.id`,
        );
        const byAppeal = new Map(rows.map(({ link_appeal_id, ...row }) => [link_appeal_id as string, em.map(Problem, row)]));
        return ids.map((id) => byAppeal.get(id) ?? null);
      })
      .load(appeal.id);
  }
}
