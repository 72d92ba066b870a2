import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import {
  Appeal,
  Municipality,
  connectionType,
  loadAppealDetails,
  loadById,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
} from '../../core/plugin-api/index.js';
import { EducationDetails, EducationInstitution, EducationInstitutionKind } from './education.entities.js';

@InputType('EducationInstitutionFilter', { description: 'Отбор образовательных организаций' })
class EducationInstitutionFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => EducationInstitutionKind, { nullable: true, description: 'Вид' }) kind?: EducationInstitutionKind | null;
  @Field(() => String, { nullable: true, description: 'Поиск по наименованию или адресу' }) search?: string | null;
}

@ArgsType()
class EducationInstitutionsArgs extends ForwardPageArgs {
  @Field(() => EducationInstitutionFilter, { nullable: true, description: 'Отбор' }) filter?: EducationInstitutionFilter | null;
}

const EducationInstitutionConnection = connectionType(EducationInstitution, 'EducationInstitution');

@Resolver(() => Appeal)
export class EducationAppealResolver {
  @Query(() => EducationInstitutionConnection, { description: 'Школы и детские сады' })
  educationInstitutions(@Args(() => EducationInstitutionsArgs) args: EducationInstitutionsArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: EducationInstitution,
      args,
      filter: { equals: { municipality: f?.municipalityId, kind: f?.kind }, search: { words: f?.search, in: ['name', 'address'] } },
    });
  }

  @FieldResolver(() => EducationDetails, { nullable: true, description: 'Сведения блока образования' })
  education(@Root() appeal: Appeal, @Ctx() ctx: PluginContext) {
    return loadAppealDetails(ctx, EducationDetails, appeal.id);
  }
}

@Resolver(() => EducationDetails)
export class EducationDetailsResolver {
  @FieldResolver(() => EducationInstitution, { nullable: true, description: 'Школа или детский сад из справочника' })
  institution(@Root() details: EducationDetails, @Ctx() ctx: PluginContext) {
    return details.institutionId ? loadById(ctx, EducationInstitution, details.institutionId) : null;
  }
}

@Resolver(() => EducationInstitution)
export class EducationInstitutionResolver {
  @FieldResolver(() => Municipality, { description: 'Муниципальное образование' })
  municipality(@Root() institution: EducationInstitution, @Ctx() ctx: PluginContext) {
    return ctx.loaders.municipality.load(institution.municipality.id);
  }
}

export const educationResolvers = [EducationAppealResolver, EducationDetailsResolver, EducationInstitutionResolver];
