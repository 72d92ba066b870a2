import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '../entities/index.js';
import type { RequestContext } from './request-context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { requireUser } from './require-user.js';
import { CreateUserInput, UpdateUserInput, UserFilter } from './user-admin.input.js';
import { createUser, updateUser } from './user-admin.service.js';
import { and, query, queryOne, sql, type Sql } from '../db/sql.js';

@ArgsType()
class UsersArgs extends ForwardPageArgs {
  @Field(() => UserFilter, { nullable: true, description: 'Отбор' }) filter?: UserFilter | null;
}

const UserConnection = connectionType(User, 'User');
const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accounts of the ЦУР's staff, the bodies' operators and the channels' services. */
@Resolver(() => User)
export class UserAdminResolver {
  @Query(() => UserConnection, { description: 'Пользователи, по e-mail (администратор, руководитель ЦУР)' })
  async users(@Args(() => UsersArgs) args: UsersArgs, @Ctx() ctx: RequestContext) {
    const page = readPageArgs(args, ['text', 'uuid']);
    const f = args.filter;
    const conditions: Sql[] = [];
    if (f?.role?.length) conditions.push(sql`u.role = any(${f.role}::user_role[])`);
    if (f?.organizationId) conditions.push(sql`u.organization_id = ${f.organizationId}`);
    if (f?.active != null) conditions.push(sql`u.active = ${f.active}`);
    const term = f?.search?.trim();
    if (term) {
      const like = `%${escapeLike(term)}%`;
      conditions.push(sql`(u.email ilike ${like} or u.full_name ilike ${like})`);
    }
    const where = and(conditions);
    const after = page.cursor ? sql` and (u.email, u.id) > (${page.cursor[0]}, ${page.cursor[1]})` : sql``;
    const rows = await query(ctx.em, sql`select u.* from app_user as u where ${where}${after} order by u.email, u.id limit ${page.limit + 1}`);
    const users = rows.map((row) => ctx.em.map(User, row));
    return toConnection(
      users,
      page,
      (u) => [u.email, u.id],
      async () => {
        const row = await queryOne<{ count: string }>(ctx.em, sql`select count(*) as count from app_user as u where ${where}`);
        return Number(row?.count ?? 0);
      },
    );
  }

  @Mutation(() => User, { description: 'Создать пользователя (администратор)' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'Новый пользователь' }) input: CreateUserInput, @Ctx() ctx: RequestContext) {
    return createUser(ctx.em, input, ctx.clock.now());
  }

  @Mutation(() => User, { description: 'Изменить пользователя; смена роли, организации, блоков или пароля отзывает его токены' })
  updateUser(
    @Arg('id', () => ID, { description: 'Идентификатор пользователя (UUID)' }) id: string,
    @Arg('input', () => UpdateUserInput, { description: 'Изменения' }) input: UpdateUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return updateUser(ctx.em, requireUser(ctx), id, input);
  }

  @Mutation(() => User, { description: 'Отключить пользователя: вход и все его токены перестают действовать' })
  deactivateUser(@Arg('id', () => ID, { description: 'Идентификатор пользователя (UUID)' }) id: string, @Ctx() ctx: RequestContext) {
    return updateUser(ctx.em, requireUser(ctx), id, { active: false });
  }
}
