import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  Appeal,
  Municipality,
  loadById,
  loadByKey,
  personalData,
  type PluginContext,
  appealDetailsResolver,
  municipalityResolver,
} from '../../core/plugin-api/index.js';
import { SocialDetails, SocialMeasure, SocialMeasureProvider, SocialServiceCentre } from './social.entities.js';

@Resolver(() => Appeal)
export class SocialAppealResolver {
  @Query(() => [SocialMeasure], { description: 'Меры социальной поддержки' })
  socialMeasures(
    @Arg('provider', () => SocialMeasureProvider, { nullable: true, description: 'Кто предоставляет меру' }) provider: SocialMeasureProvider | null,
    @Ctx() ctx: PluginContext,
  ) {
    return ctx.em.find(SocialMeasure, provider ? { provider } : {}, { orderBy: { name: 'asc' } });
  }

  @Query(() => [SocialServiceCentre], { description: 'Центры социального обслуживания; по муниципалитету — те, что его обслуживают' })
  async socialServiceCentres(
    @Arg('municipalityId', () => ID, { nullable: true, description: 'Центры этого муниципалитета' }) municipalityId: string | null,
    @Ctx() ctx: PluginContext,
  ) {
    const where: FilterQuery<SocialServiceCentre> = {};
    if (municipalityId) {
      // Its own centres, and those that also serve it.
      const municipality = await loadById(ctx, Municipality, municipalityId);
      where.$or = [{ municipality: municipalityId }, ...(municipality ? [{ alsoServesCodes: { $contains: [municipality.code] } }] : [])];
    }
    return ctx.em.find(SocialServiceCentre, where, { orderBy: { name: 'asc' } });
  }
}

@Resolver(() => SocialDetails)
export class SocialDetailsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'СНИЛС; персональные данные: null для ролей без доступа' })
  snils(@Root() details: SocialDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.snils);
  }

  @FieldResolver(() => SocialMeasure, { nullable: true, description: 'Мера поддержки, о которой обращение' })
  measure(@Root() details: SocialDetails, @Ctx() ctx: PluginContext) {
    return details.measureCode ? loadByKey(ctx, SocialMeasure, 'code', details.measureCode) : null;
  }
}

@Resolver(() => SocialServiceCentre)
export class SocialServiceCentreResolver {
  @FieldResolver(() => [Municipality], { description: 'Другие муниципалитеты, которые центр обслуживает' })
  async alsoServes(@Root() centre: SocialServiceCentre, @Ctx() ctx: PluginContext) {
    const found = await Promise.all(centre.alsoServesCodes.map((code) => loadByKey(ctx, Municipality, 'code', code)));
    return found.filter((m): m is Municipality => m !== null);
  }
}

export const socialResolvers = [
  SocialAppealResolver,
  appealDetailsResolver('social', SocialDetails, 'Сведения блока социальной защиты'),
  SocialDetailsResolver,
  municipalityResolver(SocialServiceCentre),
  SocialServiceCentreResolver,
];
