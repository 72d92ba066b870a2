import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Resolver, Root, Query } from 'type-graphql';
import {
  Appeal,
  connectionType,
  loadById,
  loadByKey,
  personalData,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
  appealDetailsResolver,
  municipalityResolver,
} from '../../core/plugin-api/index.js';
import { ApartmentBuilding, HousingDetails, ManagementCompany } from './housing.entities.js';

@InputType('ManagementCompanyFilter', { description: 'Отбор управляющих организаций' })
class ManagementCompanyFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Поиск по наименованию или ИНН' }) search?: string | null;
}

@ArgsType()
class ManagementCompaniesArgs extends ForwardPageArgs {
  @Field(() => ManagementCompanyFilter, { nullable: true, description: 'Отбор' }) filter?: ManagementCompanyFilter | null;
}

@InputType('ApartmentBuildingFilter', { description: 'Отбор многоквартирных домов' })
class ApartmentBuildingFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Дома этой управляющей организации' }) managementCompanyId?: string | null;
  @Field(() => String, { nullable: true, description: 'Поиск по адресу' }) search?: string | null;
}

@ArgsType()
class ApartmentBuildingsArgs extends ForwardPageArgs {
  @Field(() => ApartmentBuildingFilter, { nullable: true, description: 'Отбор' }) filter?: ApartmentBuildingFilter | null;
}

const ManagementCompanyConnection = connectionType(ManagementCompany, 'ManagementCompany');
const ApartmentBuildingConnection = connectionType(ApartmentBuilding, 'ApartmentBuilding');

@Resolver(() => Appeal)
export class HousingAppealResolver {
  @Query(() => ManagementCompanyConnection, { description: 'Управляющие организации (ЖКХ)' })
  managementCompanies(@Args(() => ManagementCompaniesArgs) args: ManagementCompaniesArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: ManagementCompany,
      args,
      filter: { equals: { municipality: f?.municipalityId }, search: { words: f?.search, in: ['name'], orEquals: ['inn'] } },
    });
  }

  @Query(() => ApartmentBuildingConnection, { description: 'Многоквартирные дома (ЖКХ)' })
  apartmentBuildings(@Args(() => ApartmentBuildingsArgs) args: ApartmentBuildingsArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: ApartmentBuilding,
      args,
      orderBy: 'address',
      filter: {
        equals: { municipality: f?.municipalityId, managementCompany: f?.managementCompanyId },
        search: { words: f?.search, in: ['address'] },
      },
    });
  }
}

@Resolver(() => HousingDetails)
export class HousingDetailsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Номер квартиры; персональные данные: null для ролей без доступа' })
  apartment(@Root() details: HousingDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.apartment);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Лицевой счёт; персональные данные: null для ролей без доступа' })
  accountNumber(@Root() details: HousingDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.accountNumber);
  }

  @FieldResolver(() => ManagementCompany, { nullable: true, description: 'Управляющая организация по ИНН, если она есть в справочнике' })
  managementCompany(@Root() details: HousingDetails, @Ctx() ctx: PluginContext) {
    return details.managementCompanyInn ? loadByKey(ctx, ManagementCompany, 'inn', details.managementCompanyInn) : null;
  }
}

@Resolver(() => ApartmentBuilding)
export class ApartmentBuildingResolver {
  @FieldResolver(() => ManagementCompany, { nullable: true, description: 'Управляющая организация дома' })
  managementCompany(@Root() building: ApartmentBuilding, @Ctx() ctx: PluginContext) {
    return building.managementCompany ? loadById(ctx, ManagementCompany, building.managementCompany.id) : null;
  }
}

export const housingResolvers = [
  HousingAppealResolver,
  appealDetailsResolver('housing', HousingDetails, 'Сведения блока ЖКХ'),
  HousingDetailsResolver,
  municipalityResolver(ManagementCompany),
  municipalityResolver(ApartmentBuilding),
  ApartmentBuildingResolver,
];
