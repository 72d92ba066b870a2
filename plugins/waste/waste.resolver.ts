import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import {
  Appeal,
  Organization,
  connectionType,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
  appealDetailsResolver,
  detailsReferenceResolver,
  municipalityResolver,
} from '../../core/plugin-api/index.js';
import { ContainerSite, WasteDetails, WasteOperator } from './waste.entities.js';

@InputType('ContainerSiteFilter', { description: 'Отбор контейнерных площадок' })
class ContainerSiteFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Поиск по адресу' }) search?: string | null;
}

@ArgsType()
class ContainerSitesArgs extends ForwardPageArgs {
  @Field(() => ContainerSiteFilter, { nullable: true, description: 'Отбор' }) filter?: ContainerSiteFilter | null;
}

const ContainerSiteConnection = connectionType(ContainerSite, 'ContainerSite');

@Resolver(() => Appeal)
export class WasteAppealResolver {
  @Query(() => ContainerSiteConnection, { description: 'Контейнерные площадки (ТКО)' })
  containerSites(@Args(() => ContainerSitesArgs) args: ContainerSitesArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: ContainerSite,
      args,
      orderBy: 'address',
      filter: { equals: { municipality: f?.municipalityId }, search: { words: f?.search, in: ['address'] } },
    });
  }

  @Query(() => [WasteOperator], { description: 'Региональный оператор и перевозчики ТКО' })
  wasteOperators(@Ctx() ctx: PluginContext) {
    return ctx.em.find(WasteOperator, {}, { orderBy: { role: 'asc', name: 'asc' } });
  }
}

@Resolver(() => WasteOperator)
export class WasteOperatorResolver {
  @FieldResolver(() => Organization, { description: 'Организация, которой направляются обращения' })
  organization(@Root() operator: WasteOperator, @Ctx() ctx: PluginContext) {
    return ctx.loaders.organization.load(operator.organization.id);
  }
}

export const wasteResolvers = [
  WasteAppealResolver,
  appealDetailsResolver('waste', WasteDetails, 'Сведения блока ТКО'),
  detailsReferenceResolver(WasteDetails, 'containerSite', ContainerSite, (d) => d.containerSiteId, 'Контейнерная площадка из реестра'),
  municipalityResolver(ContainerSite),
  WasteOperatorResolver,
];
