import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { User } from '../entities/index.js';
import type { RequestContext } from '../graphql/context.js';
import { connectionType, readPageArgs, toConnection, ForwardPageArgs } from '../graphql/pagination.js';
import { requireUser } from './require-user.js';
import { CreateUserInput, UpdateUserInput, UserFilter } from './user-admin.input.js';
import { createUser, updateUser } from './user-admin.service.js';

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
    const knex = ctx.em.getKnex();
    const base = () => {
      const q = knex('app_user as u');
      if (f?.role?.length) q.whereIn('u.role', f.role);
      if (f?.organizationId) q.where('u.organization_id', f.organizationId);
      if (f?.active != null) q.where('u.active', f.active);
      const term = f?.search?.trim();
      if (term) q.where((w) => w.whereILike('u.email', `%${escapeLike(term)}%`).orWhereILike('u.full_name', `%${escapeLike(term)}%`));
      return q;
    };
    const query = base().select('u.*');
    if (page.cursor) query.whereRaw('(u.email, u.id) > (?, ?)', page.cursor as [string, string]);
    const rows = await ctx.em.getConnection().execute(query.orderBy([{ column: 'u.email' }, { column: 'u.id' }]).limit(page.limit + 1));
    const users = rows.map((row: Record<string, unknown>) => ctx.em.map(User, row));
    return toConnection(
      users,
      page,
      (u) => [u.email, u.id],
      async () => {
        const [{ count }] = await ctx.em.getConnection().execute(base().count({ count: '*' }));
        return Number(count);
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
