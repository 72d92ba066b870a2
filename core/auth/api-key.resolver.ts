import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ApiKey, Channel, Organization, Role, User } from '../entities/index.js';
import type { RequestContext } from './request-context.js';
import { badInput, notFound } from '../errors/errors.js';
import { requireUser } from './require-user.js';
import { generateApiKey } from './api-key.service.js';

@ObjectType({ description: 'Созданный ключ API: секрет показывается только здесь, один раз' })
class CreatedApiKey {
  @Field(() => ApiKey, { description: 'Сведения о ключе' }) apiKey!: ApiKey;
  @Field(() => String, { description: 'Ключ целиком: передаётся как Authorization: ApiKey <ключ> или X-Api-Key. Сохраните его сейчас' })
  secret!: string;
}

/**
 * Service accounts of channels: each key acts as its own user with role
 * INTEGRATION (so the audit trail names the channel), may be tied to the
 * organization whose system it is, and can be revoked at once.
 */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Ключи API каналов, новые сначала' })
  apiKeys(
    @Arg('includeRevoked', () => Boolean, { defaultValue: false, description: 'Показать и отозванные ключи' }) includeRevoked: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.em.find(ApiKey, includeRevoked ? {} : { revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
  }

  @Mutation(() => CreatedApiKey, { description: 'Выпустить ключ API для канала (роль INTEGRATION)' })
  async createApiKey(
    @Arg('name', () => String, { description: 'Название ключа (для кого и зачем)' }) name: string,
    @Arg('organizationId', () => ID, { nullable: true, description: 'Организация, чья система пользуется ключом' }) organizationId: string | null,
    @Ctx() ctx: RequestContext,
    @Arg('channel', () => Channel, { nullable: true, description: 'Канал ключа: ленты канала (исходящие статусы ПОС) отвечают только его ключам' })
    channel?: Channel | null,
  ): Promise<CreatedApiKey> {
    const admin = requireUser(ctx);
    const title = name.trim();
    if (!title || title.length > 200) throw badInput('name', 'Укажите название канала (до 200 символов)');
    if (organizationId && !(await ctx.em.count(Organization, { id: organizationId }))) {
      throw badInput('organizationId', 'Организация не найдена');
    }
    const generated = generateApiKey();
    const now = ctx.clock.now();
    const apiKey = await ctx.em.transactional(async (em) => {
      const user = em.create(User, {
        email: `api-key.${generated.prefix}@service.invalid`,
        fullName: title,
        role: Role.INTEGRATION,
        organization: organizationId,
        sectors: [],
        // Not a bcrypt hash: no password can ever match, the account signs in only with its key.
        passwordHash: '!',
        active: true,
        tokenVersion: 0,
        createdAt: now,
      });
      return em.create(ApiKey, {
        name: title,
        prefix: generated.prefix,
        secretHash: generated.secretHash,
        user,
        organization: organizationId,
        channel: channel ?? null,
        createdBy: admin.apiKeyId ? null : admin.id,
        createdAt: now,
      });
    });
    return { apiKey, secret: generated.key };
  }

  @Mutation(() => ApiKey, { description: 'Отозвать ключ API: запросы с ним сразу получают UNAUTHENTICATED' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Идентификатор ключа (UUID)' }) id: string, @Ctx() ctx: RequestContext): Promise<ApiKey> {
    const admin = requireUser(ctx);
    return ctx.em.transactional(async (em) => {
      const apiKey = await em.findOne(ApiKey, id);
      if (!apiKey) throw notFound('Ключ API', id);
      if (!apiKey.revokedAt) {
        apiKey.revokedAt = ctx.clock.now();
        apiKey.revokedBy = admin.apiKeyId ? null : em.getReference(User, admin.id, { wrapped: true });
        await em.nativeUpdate(User, { id: apiKey.user.id }, { active: false });
      }
      return apiKey;
    });
  }

  @FieldResolver(() => Boolean, { description: 'Ключ действует (не отозван)' })
  active(@Root() apiKey: ApiKey): boolean {
    return !apiKey.revokedAt;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Организация, чья система пользуется ключом' })
  organization(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext) {
    return apiKey.organization ? ctx.loaders.organization.load(apiKey.organization.id) : null;
  }

  @FieldResolver(() => User, { description: 'Сервисная учётная запись ключа' })
  serviceUser(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext) {
    return ctx.loaders.user.load(apiKey.user.id);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Администратор, выпустивший ключ' })
  createdBy(@Root() apiKey: ApiKey, @Ctx() ctx: RequestContext) {
    return apiKey.createdBy ? ctx.loaders.user.load(apiKey.createdBy.id) : null;
  }
}
