import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Organization, User } from '../entities/index.js';
import type { RequestContext } from './request-context.js';
import type { CoreServices } from '../config/core-services.js';
import type { TokenService } from './token.service.js';
import type { LoginThrottle } from './login-throttle.js';
import { badInput, conflict, unauthenticated } from '../errors/errors.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { requireUser } from './require-user.js';
import { normalizeEmail } from './login-throttle.js';
import { assertPasswordPolicy } from './password-policy.js';
import { queryOne, sql } from '../db/sql.js';

@ObjectType({ description: 'Итог входа: токен и пользователь' })
export class AuthPayload {
  @Field(() => String, { description: 'JWT для заголовка Authorization: Bearer' }) token!: string;
  @Field(() => User, { description: 'Вошедший пользователь' }) user!: User;
}

const LOGIN_FAILED = 'Неверный e-mail или пароль';

/** What signing in and changing one's password use of the app's services. */
export interface AuthServices extends CoreServices {
  tokens: TokenService;
  loginThrottle: LoginThrottle;
}
type AuthContext = RequestContext<AuthServices>;

const issueFor = (ctx: AuthContext, user: User) =>
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
    @Arg('email', () => String, { description: 'E-mail (логин)' }) email: string,
    @Arg('password', () => String, { description: 'Пароль' }) password: string,
    @Ctx() ctx: AuthContext,
  ): Promise<AuthPayload> {
    const address = normalizeEmail(email);
    // The attempt is counted before the password is compared (one atomic step): see login-throttle.ts.
    const attempt = await ctx.app.loginThrottle.attempt(address, ctx.ip ?? null);
    const user = await ctx.em.findOne(User, { email: address }, { populate: ['passwordHash'] });
    // Compare against a dummy hash for unknown e-mails, so timing does not tell them apart.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      attempt.failed();
      throw unauthenticated(LOGIN_FAILED);
    }
    await attempt.succeeded();
    return { token: issueFor(ctx, user), user };
  }

  @Mutation(() => AuthPayload, {
    description: 'Смена своего пароля. Все прежние токены перестают действовать; возвращается новый',
  })
  async changePassword(
    @Arg('currentPassword', () => String, { description: 'Действующий пароль' }) currentPassword: string,
    @Arg('newPassword', () => String, { description: 'Новый пароль (проверяется по парольной политике, docs/security.md)' }) newPassword: string,
    @Ctx() ctx: AuthContext,
  ): Promise<AuthPayload> {
    const caller = requireUser(ctx);
    if (caller.apiKeyId) throw badInput('currentPassword', 'У ключа API нет пароля');
    const user = await ctx.em.findOneOrFail(User, caller.id, { populate: ['passwordHash'] });
    // A stolen token must not become a way to guess the password: same counters as login, counted before the check.
    const attempt = await ctx.app.loginThrottle.attempt(user.email, ctx.ip ?? null);
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      attempt.failed();
      throw badInput('currentPassword', 'Неверный текущий пароль');
    }
    // The right current password: its point is given back whatever becomes of the new one.
    await attempt.succeeded();
    assertPasswordPolicy(newPassword, user.email, 'newPassword');
    if (newPassword === currentPassword) throw badInput('newPassword', 'Новый пароль совпадает с текущим');
    // One statement, conditional on the hash just verified: a concurrent change wins, this one is refused.
    const updated = await queryOne<{ token_version: number }>(
      ctx.em,
      sql`update app_user set password_hash = ${await hashPassword(newPassword)}, token_version = token_version + 1
        where id = ${user.id} and password_hash = ${user.passwordHash} returning token_version`,
    );
    if (!updated) throw conflict('Пароль только что был изменён; войдите снова');
    user.tokenVersion = updated.token_version;
    return { token: issueFor(ctx, user), user };
  }

  @Query(() => User, { nullable: true, description: 'Текущий пользователь (для ключа API — его сервисная учётная запись)' })
  me(@Ctx() ctx: AuthContext) {
    return ctx.loaders.user.load(requireUser(ctx).id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Организация пользователя (для операторов органов и интеграций)' })
  organization(@Root() user: User, @Ctx() ctx: AuthContext) {
    return user.organization ? ctx.loaders.organization.load(user.organization.id) : null;
  }
}
