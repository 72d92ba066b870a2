import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import {
  Appeal,
  connectionType,
  loadById,
  referencePage,
  type PluginContext,
  ForwardPageArgs,
  appealDetailsResolver,
  municipalityResolver,
} from '../../core/plugin-api/index.js';
import { BusRoute, BusRouteKind, TransportCarrier, TransportDetails } from './transport.entities.js';

@InputType('BusRouteFilter', { description: 'Отбор маршрутов' })
class BusRouteFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => BusRouteKind, { nullable: true, description: 'Вид маршрута' }) kind?: BusRouteKind | null;
  @Field(() => ID, { nullable: true, description: 'Маршруты этого перевозчика' }) carrierId?: string | null;
  @Field(() => String, { nullable: true, description: 'Номер маршрута' }) number?: string | null;
}

@ArgsType()
class BusRoutesArgs extends ForwardPageArgs {
  @Field(() => BusRouteFilter, { nullable: true, description: 'Отбор' }) filter?: BusRouteFilter | null;
}

const BusRouteConnection = connectionType(BusRoute, 'BusRoute');

@Resolver(() => Appeal)
export class TransportAppealResolver {
  @Query(() => BusRouteConnection, { description: 'Регулярные автобусные маршруты' })
  busRoutes(@Args(() => BusRoutesArgs) args: BusRoutesArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: BusRoute,
      args,
      orderBy: 'code',
      filter: {
        equals: { municipality: f?.municipalityId, kind: f?.kind, carrier: f?.carrierId },
        equalsIgnoringCase: { number: f?.number?.trim() },
      },
    });
  }

  @Query(() => [TransportCarrier], { description: 'Перевозчики' })
  transportCarriers(@Ctx() ctx: PluginContext) {
    return ctx.em.find(TransportCarrier, {}, { orderBy: { name: 'asc' } });
  }
}

@Resolver(() => BusRoute)
export class BusRouteResolver {
  @FieldResolver(() => TransportCarrier, { description: 'Перевозчик, обслуживающий маршрут' })
  carrier(@Root() route: BusRoute, @Ctx() ctx: PluginContext) {
    return loadById(ctx, TransportCarrier, route.carrier.id);
  }
}

export const transportResolvers = [
  TransportAppealResolver,
  appealDetailsResolver('transport', TransportDetails, 'Сведения блока транспорта'),
  BusRouteResolver,
  municipalityResolver(BusRoute),
];
