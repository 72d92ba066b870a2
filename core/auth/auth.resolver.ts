import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import { Organization, User } from '../entities/index.js';
import type { RequestContext } from '../graphql/context.js';
import { badInput, unauthenticated } from '../errors/errors.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { requireUser } from './require-user.js';
import { normalizeEmail } from './login-throttle.js';
import { assertPasswordPolicy } from './password-policy.js';

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: 'JWT для заголовка Authorization: Bearer' }) token!: string;
  @Field(() => User) user!: User;
}

const LOGIN_FAILED = 'Неверный e-mail или пароль';

const issueFor = (ctx: RequestContext, user: User) =>
  ctx.app.tokens.issue(
    { id: user.id, role: user.role, organizationId: user.organization?.id ?? null, sectors: user.sectors },
    ctx.clock.now(),
    user.tokenVersion,
  );

@Resolver(() => User)
export class AuthResolver {
  @Mutation(() => AuthPayload, {
    description: 'Вход: выдаёт подписанный токен. После нескольких неудач подряд — TOO_MANY_REQUESTS с retryAfterSeconds',
  })
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    const address = normalizeEmail(email);
    const throttle = ctx.app.loginThrottle;
    await throttle.check(address, ctx.ip ?? null);
    const user = await ctx.em.findOne(User, { email: address }, { populate: ['passwordHash'] });
    // Compare against a dummy hash for unknown e-mails, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await throttle.failed(address, ctx.ip ?? null);
      throw unauthenticated(LOGIN_FAILED);
    }
    await throttle.succeeded(address);
    return { token: issueFor(ctx, user), user };
  }

  @Mutation(() => AuthPayload, {
    description: 'Смена своего пароля. Все прежние токены перестают действовать; возвращается новый',
  })
  async changePassword(
    @Arg('currentPassword', () => String) currentPassword: string,
    @Arg('newPassword', () => String) newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuthPayload> {
    const caller = requireUser(ctx);
    if (caller.apiKeyId) throw badInput('currentPassword', 'У ключа API нет пароля');
    const throttle = ctx.app.loginThrottle;
    const user = await ctx.em.transactional(async (em) => {
      const found = await em.findOneOrFail(User, caller.id, { populate: ['passwordHash'], lockMode: LockMode.PESSIMISTIC_WRITE });
      // A stolen token must not become a way to guess the password: same counters as login.
      await throttle.check(found.email, ctx.ip ?? null);
      if (!(await verifyPassword(currentPassword, found.passwordHash))) {
        await throttle.failed(found.email, ctx.ip ?? null);
        throw badInput('currentPassword', 'Неверный текущий пароль');
      }
      assertPasswordPolicy(newPassword, found.email, 'newPassword');
      if (newPassword === currentPassword) throw badInput('newPassword', 'Новый пароль совпадает с текущим');
      found.passwordHash = await hashPassword(newPassword);
      found.tokenVersion += 1;
      return found;
    });
    await throttle.succeeded(user.email);
    return { token: issueFor(ctx, user), user };
  }

  @Query(() => User, { nullable: true, description: 'Текущий пользователь (для ключа API — его сервисная учётная запись)' })
  me(@Ctx() ctx: RequestContext) {
    return ctx.loaders.user.load(requireUser(ctx).id);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.organization ? ctx.loaders.organization.load(user.organization.id) : null;
  }
}
