import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { Appeal, Municipality, loadById, loadByKey, personalData, type PluginContext, appealDetailsResolver } from '../../core/plugin-api/index.js';
import { EnergyCompany, EnergyCompanyKind, EnergyDetails } from './energy.entities.js';

@Resolver(() => Appeal)
export class EnergyAppealResolver {
  @Query(() => [EnergyCompany], { description: 'Энергоснабжающие, сетевые и газовые организации; по муниципалитету — те, что его обслуживают' })
  async energyCompanies(
    @Arg('kind', () => EnergyCompanyKind, { nullable: true, description: 'Вид организации' }) kind: EnergyCompanyKind | null,
    @Arg('municipalityId', () => ID, { nullable: true, description: 'Организации, работающие в этом муниципалитете' }) municipalityId: string | null,
    @Ctx() ctx: PluginContext,
  ) {
    const where: FilterQuery<EnergyCompany> = kind ? { kind } : {};
    if (municipalityId) {
      // The whole republic's (no list), and those whose list names the municipality.
      const municipality = await loadById(ctx, Municipality, municipalityId);
      where.$or = [{ municipalityCodes: null }, ...(municipality ? [{ municipalityCodes: { $contains: [municipality.code] } }] : [])];
    }
    return ctx.em.find(EnergyCompany, where, { orderBy: [{ kind: 'asc' }, { name: 'asc' }] });
  }
}

@Resolver(() => EnergyDetails)
export class EnergyDetailsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Заводской номер прибора учёта; персональные данные: null для ролей без доступа' })
  meterNumber(@Root() details: EnergyDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.meterNumber);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Лицевой счёт; персональные данные: null для ролей без доступа' })
  accountNumber(@Root() details: EnergyDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.accountNumber);
  }

  @FieldResolver(() => EnergyCompany, { nullable: true, description: 'Поставщик по ИНН, если он есть в справочнике' })
  supplier(@Root() details: EnergyDetails, @Ctx() ctx: PluginContext) {
    return details.supplierInn ? loadByKey(ctx, EnergyCompany, 'inn', details.supplierInn) : null;
  }
}

@Resolver(() => EnergyCompany)
export class EnergyCompanyResolver {
  @FieldResolver(() => [Municipality], { description: 'Обслуживаемые муниципалитеты; пусто — весь регион' })
  async municipalities(@Root() company: EnergyCompany, @Ctx() ctx: PluginContext) {
    const found = await Promise.all((company.municipalityCodes ?? []).map((code) => loadByKey(ctx, Municipality, 'code', code)));
    return found.filter((m): m is Municipality => m !== null);
  }
}

export const energyResolvers = [
  EnergyAppealResolver,
  appealDetailsResolver('energy', EnergyDetails, 'Сведения блока энергетики'),
  EnergyDetailsResolver,
  EnergyCompanyResolver,
];
