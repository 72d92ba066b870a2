import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import {
  Appeal,
  Organization,
  connectionType,
  personalData,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
  appealDetailsResolver,
  detailsReferenceResolver,
  municipalityResolver,
} from '../../core/plugin-api/index.js';
import { HealthDetails, MedicalOrganization, MedicalOrganizationKind } from './health.entities.js';

@InputType('MedicalOrganizationFilter', { description: 'Отбор медицинских организаций' })
class MedicalOrganizationFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => MedicalOrganizationKind, { nullable: true, description: 'Вид' }) kind?: MedicalOrganizationKind | null;
  @Field(() => String, { nullable: true, description: 'Поиск по наименованию' }) search?: string | null;
}

@ArgsType()
class MedicalOrganizationsArgs extends ForwardPageArgs {
  @Field(() => MedicalOrganizationFilter, { nullable: true, description: 'Отбор' }) filter?: MedicalOrganizationFilter | null;
}

const MedicalOrganizationConnection = connectionType(MedicalOrganization, 'MedicalOrganization');

@Resolver(() => Appeal)
export class HealthAppealResolver {
  @Query(() => MedicalOrganizationConnection, { description: 'Медицинские организации: больницы, поликлиники, ФАПы, скорая' })
  medicalOrganizations(@Args(() => MedicalOrganizationsArgs) args: MedicalOrganizationsArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: MedicalOrganization,
      args,
      filter: { equals: { municipality: f?.municipalityId, kind: f?.kind }, search: { words: f?.search, in: ['name'] } },
    });
  }
}

@Resolver(() => HealthDetails)
export class HealthDetailsResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Номер полиса ОМС; персональные данные: null для ролей без доступа' })
  policyNumber(@Root() details: HealthDetails, @Ctx() ctx: PluginContext) {
    return personalData(ctx, details.policyNumber);
  }
}

@Resolver(() => MedicalOrganization)
export class MedicalOrganizationResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'Организация-адресат обращений, если она в реестре организаций' })
  organization(@Root() medical: MedicalOrganization, @Ctx() ctx: PluginContext) {
    return medical.organization ? ctx.loaders.organization.load(medical.organization.id) : null;
  }
}

export const healthResolvers = [
  HealthAppealResolver,
  appealDetailsResolver('health', HealthDetails, 'Сведения блока здравоохранения'),
  HealthDetailsResolver,
  detailsReferenceResolver(HealthDetails, 'medicalOrganization', MedicalOrganization, (d) => d.medicalOrganizationId, 'Медицинская организация из справочника'),
  MedicalOrganizationResolver,
  municipalityResolver(MedicalOrganization),
];
