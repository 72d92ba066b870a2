import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Appeal } from '../entities/appeal.entity.js';
import { Organization } from '../entities/organization.entity.js';
import type { RequestContext } from '../auth/request-context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { AppealConnection } from '../appeals/appeal-types.js';
import { appealScope } from '../auth/appeal-scope.js';
import { requireUser } from '../auth/require-user.js';
import { badInput, conflict, notFound } from '../errors/errors.js';
import { OfficialPage } from '../official-pages/official-page.entity.js';
import { SocialPlatform } from '../entities/channel-enums.js';
import { normalizeHandle, normalizeUrl } from './adapters/social-url.js';
import { and, empty, query, queryOne, sql, type Sql } from '../db/sql.js';

@InputType({ description: 'Официальная страница органа' })
class OfficialPageInput {
  @Field(() => ID, { description: 'Орган или организация, чья это страница' }) organizationId!: string;
  @Field(() => SocialPlatform, { description: 'Площадка' }) platform!: SocialPlatform;
  @Field(() => String, { description: 'Адрес страницы, например https://vk.com/adm_yola' }) url!: string;
  @Field(() => String, { nullable: true, description: 'Короткое имя на площадке (с @ или без)' }) handle?: string | null;
  @Field(() => String, { description: 'Название страницы' }) name!: string;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Страница подтверждена (официальная отметка площадки)' }) verified?: boolean;
}

@InputType({ description: 'Отбор официальных страниц' })
class OfficialPageFilter {
  @Field(() => ID, { nullable: true, description: 'Страницы этой организации' }) organizationId?: string | null;
  @Field(() => [SocialPlatform], { nullable: true, description: 'Площадки (любая из)' }) platform?: SocialPlatform[] | null;
}

@ArgsType()
class OfficialPagesArgs extends ForwardPageArgs {
  @Field(() => OfficialPageFilter, { nullable: true, description: 'Отбор' }) filter?: OfficialPageFilter | null;
}

@ArgsType()
class IncidentsArgs extends ForwardPageArgs {}

const OfficialPageConnection = connectionType(OfficialPage, 'OfficialPage');

/** The incidents linked to a page: the appeals of its social items, newest first. */
const incidentsOfPage = (pageId: string): Sql => sql`a.id in (select appeal_id from social_item where official_page_id = ${pageId}::uuid)`;

function checkInput(input: OfficialPageInput) {
  const url = normalizeUrl(input.url);
  if (!url) throw badInput('input.url', 'Адрес страницы должен быть ссылкой http(s)');
  const name = input.name.trim();
  if (!name) throw badInput('input.name', 'Укажите название страницы');
  return { url, name, handle: input.handle?.trim() ? normalizeHandle(input.handle) : null };
}

async function save(write: () => Promise<void>) {
  try {
    await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict('Такая страница уже есть в реестре (тот же адрес или то же имя на площадке)');
    }
    throw error;
  }
}

/**
 * The registry of official pages (госпаблики) of bodies: the decree, clause
 * 8. The ЦУР keeps it; incidents found on a page are linked to it.
 */
@Resolver(() => OfficialPage)
export class OfficialPageResolver {
  @Query(() => OfficialPageConnection, { description: 'Реестр официальных страниц органов в социальных сетях' })
  async officialPages(@Args(() => OfficialPagesArgs) args: OfficialPagesArgs, @Ctx() ctx: RequestContext) {
    const page = readPageArgs(args, ['text', 'uuid']);
    const conditions: Sql[] = [];
    if (args.filter?.organizationId) conditions.push(sql`p.organization_id = ${args.filter.organizationId}`);
    if (args.filter?.platform?.length) conditions.push(sql`p.platform = any(${args.filter.platform}::social_platform[])`);
    const where = and(conditions);
    const after = page.cursor ? sql`and (p.name, p.id) > (${page.cursor[0]}, ${page.cursor[1]})` : empty;
    const rows = await query(ctx.em, sql`select p.* from official_page p where ${where} ${after} order by p.name, p.id limit ${page.limit + 1}`);
    const pages = rows.map((row) => ctx.em.map(OfficialPage, row));
    return toConnection(
      pages,
      page,
      (p) => [p.name, p.id],
      async () => {
        const counted = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from official_page p where ${where}`);
        return Number(counted!.count);
      },
    );
  }

  @Query(() => OfficialPage, { nullable: true, description: 'Официальная страница по идентификатору' })
  async officialPage(@Arg('id', () => ID, { description: 'Идентификатор страницы (UUID)' }) id: string, @Ctx() ctx: RequestContext) {
    const page = await ctx.em.findOne(OfficialPage, { id });
    if (!page) throw notFound('Официальная страница', id);
    return page;
  }

  @Mutation(() => OfficialPage, { description: 'Добавить официальную страницу органа в реестр' })
  async createOfficialPage(
    @Arg('input', () => OfficialPageInput, { description: 'Сведения о странице' }) input: OfficialPageInput,
    @Ctx() ctx: RequestContext,
  ) {
    const fields = checkInput(input);
    const organization = await ctx.loaders.organization.load(input.organizationId);
    if (!organization) throw badInput('input.organizationId', 'Нет такой организации');
    const now = ctx.clock.now();
    const page = ctx.em.create(OfficialPage, {
      ...fields,
      organization: organization.id,
      platform: input.platform,
      verified: input.verified ?? false,
      createdAt: now,
      updatedAt: now,
    });
    await save(() => ctx.em.persistAndFlush(page));
    return page;
  }

  @Mutation(() => OfficialPage, { description: 'Изменить официальную страницу' })
  async updateOfficialPage(
    @Arg('id', () => ID, { description: 'Идентификатор страницы (UUID)' }) id: string,
    @Arg('input', () => OfficialPageInput, { description: 'Новые сведения о странице' }) input: OfficialPageInput,
    @Ctx() ctx: RequestContext,
  ) {
    const page = await ctx.em.findOne(OfficialPage, { id });
    if (!page) throw notFound('Официальная страница', id);
    const fields = checkInput(input);
    const organization = await ctx.loaders.organization.load(input.organizationId);
    if (!organization) throw badInput('input.organizationId', 'Нет такой организации');
    ctx.em.assign(page, { ...fields, organization: organization.id, platform: input.platform, verified: input.verified ?? false, updatedAt: ctx.clock.now() });
    await save(() => ctx.em.flush());
    return page;
  }

  @Mutation(() => Boolean, { description: 'Убрать страницу из реестра (инциденты остаются, связь с ней снимается)' })
  async deleteOfficialPage(@Arg('id', () => ID, { description: 'Идентификатор страницы (UUID)' }) id: string, @Ctx() ctx: RequestContext) {
    const deleted = await ctx.em.nativeDelete(OfficialPage, { id });
    if (!deleted) throw notFound('Официальная страница', id);
    return true;
  }

  @FieldResolver(() => Organization, { description: 'Орган, который ведёт страницу' })
  organization(@Root() page: OfficialPage, @Ctx() ctx: RequestContext) {
    return ctx.loaders.organization.load(page.organization.id);
  }

  @FieldResolver(() => AppealConnection, { description: 'Инциденты, найденные на странице (в пределах видимости пользователя)' })
  async incidents(@Root() page: OfficialPage, @Args(() => IncidentsArgs) args: IncidentsArgs, @Ctx() ctx: RequestContext) {
    const user = requireUser(ctx);
    const pageArgs = readPageArgs(args, ['timestamp', 'uuid']);
    const where = and([incidentsOfPage(page.id), appealScope(user)]);
    const after = pageArgs.cursor ? sql`and (a.received_at, a.id) < (${pageArgs.cursor[0]}::timestamptz, ${pageArgs.cursor[1]}::uuid)` : empty;
    const rows = await query(
      ctx.em,
      sql`select a.* from appeal as a where ${where} ${after} order by a.received_at desc, a.id desc limit ${pageArgs.limit + 1}`,
    );
    const appeals = rows.map((row: Record<string, unknown>) => ctx.em.map(Appeal, row));
    return toConnection(
      appeals,
      pageArgs,
      (a) => [a.receivedAt.toISOString(), a.id],
      async () => {
        const total = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from appeal as a where ${where}`);
        return Number(total!.count);
      },
    );
  }
}
