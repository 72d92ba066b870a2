import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Organization, User } from '../entities/index.js';
import type { RequestContext } from '../graphql/context.js';
import { unauthenticated } from '../errors/errors.js';
import { DUMMY_HASH, verifyPassword } from './password.js';
import { requireUser } from './require-user.js';

@ObjectType()
class AuthPayload {
  @Field(() => String, { description: 'JWT для заголовка Authorization: Bearer' }) token!: string;
  @Field(() => User) user!: User;
}

const LOGIN_FAILED = 'Неверный e-mail или пароль';

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => AuthPayload, { description: 'Вход: выдаёт подписанный токен' })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    const user = await ctx.em.findOne(User, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
    // Compare against a dummy hash for unknown e-mails, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw unauthenticated(LOGIN_FAILED);
    const token = ctx.app.tokens.issue(
      { id: user.id, role: user.role, organizationId: user.organization?.id ?? null, sectors: user.sectors },
      ctx.clock.now(),
    );
    return { token, user };
  }

  @Query(() => User, { nullable: true, description: 'Текущий пользователь' })
  me(@Ctx() ctx: RequestContext) {
    return ctx.loaders.user.load(requireUser(ctx).id);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.organization ? ctx.loaders.organization.load(user.organization.id) : null;
  }
}
