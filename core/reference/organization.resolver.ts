import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { Municipality, Organization, OrganizationKind } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { notFound } from '../errors/errors.js';
import { and, empty, query, queryOne, sql, type Sql } from '../db/sql.js';

@InputType({ description: 'Отбор организаций' })
class OrganizationFilter {
  @Field(() => [OrganizationKind], { nullable: true, description: 'Виды (любой из)' }) kind?: OrganizationKind[] | null;
  @Field(() => String, { nullable: true, description: 'Код отраслевого блока' }) sector?: string | null;
  @Field(() => ID, { nullable: true, description: 'Организации этого муниципалитета' }) municipalityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Подчинённые этой организации' }) parentId?: string | null;
  @Field(() => String, { nullable: true, description: 'Поиск по полному и краткому наименованию: подстрока без учёта регистра или слова в любой форме' })
  search?: string | null;
}

@ArgsType()
class OrganizationsArgs extends ForwardPageArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'Отбор' }) filter?: OrganizationFilter | null;
}

const OrganizationConnection = connectionType(Organization, 'Organization');

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Организации, по наименованию' })
  async organizations(@Args(() => OrganizationsArgs) args: OrganizationsArgs, @Ctx() ctx: RequestContext) {
    const page = readPageArgs(args, ['text', 'uuid']);
    const f = args.filter;
    const conditions: Sql[] = [];
    if (f?.kind?.length) conditions.push(sql`o.kind = any(${f.kind}::organization_kind[])`);
    if (f?.sector) conditions.push(sql`${f.sector} = any(o.sectors)`);
    if (f?.municipalityId) conditions.push(sql`o.municipality_id = ${f.municipalityId}`);
    if (f?.parentId) conditions.push(sql`o.parent_id = ${f.parentId}`);
    const term = f?.search?.trim();
    // Name or short name: a substring in any case («министерство», «МИНЗДРАВ»), or the words in any form («министерства здравоохранения»).
    if (term) {
      const like = `%${escapeLike(term)}%`;
      conditions.push(
        sql`(o.name ilike ${like} escape '\\' or o.short_name ilike ${like} escape '\\' or to_tsvector('russian'::regconfig, o.name || ' ' || coalesce(o.short_name, '')) @@ websearch_to_tsquery('russian'::regconfig, ${term}))`,
      );
    }
    const where = and(conditions);
    const after = page.cursor ? sql`and (o.name, o.id) > (${page.cursor[0]}, ${page.cursor[1]})` : empty;
    const rows = await query(ctx.em, sql`select o.* from organization o where ${where} ${after} order by o.name, o.id limit ${page.limit + 1}`);
    const organizations = rows.map((row) => ctx.em.map(Organization, row));
    return toConnection(
      organizations,
      page,
      (o) => [o.name, o.id],
      async () => {
        const counted = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from organization o where ${where}`);
        return Number(counted!.count);
      },
    );
  }

  @Query(() => Organization, { nullable: true, description: 'Организация по идентификатору' })
  async organization(@Arg('id', () => ID, { description: 'Идентификатор организации (UUID)' }) id: string, @Ctx() ctx: RequestContext) {
    const organization = await ctx.loaders.organization.load(id);
    if (!organization) throw notFound('Организация', id);
    return organization;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Вышестоящая организация' })
  parent(@Root() organization: Organization, @Ctx() ctx: RequestContext) {
    return organization.parent ? ctx.loaders.organization.load(organization.parent.id) : null;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'Муниципальное образование организации (для муниципальных)' })
  municipality(@Root() organization: Organization, @Ctx() ctx: RequestContext) {
    return organization.municipality ? ctx.loaders.municipality.load(organization.municipality.id) : null;
  }
}
