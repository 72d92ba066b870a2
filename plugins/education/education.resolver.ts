import { Args, ArgsType, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import {
  Appeal,
  connectionType,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
  appealDetailsResolver,
  detailsReferenceResolver,
  municipalityResolver,
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
}

export const educationResolvers = [
  EducationAppealResolver,
  appealDetailsResolver('education', EducationDetails, 'Сведения блока образования'),
  detailsReferenceResolver(EducationDetails, 'institution', EducationInstitution, (d) => d.institutionId, 'Школа или детский сад из справочника'),
  municipalityResolver(EducationInstitution),
];
