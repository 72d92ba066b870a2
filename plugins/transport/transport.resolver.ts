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

  @FieldResolver(() => TransportDetails, { nullable: true, description: 'Сведения блока транспорта' })
  transport(@Root() appeal: Appeal, @Ctx() ctx: PluginContext) {
    return loadAppealDetails(ctx, TransportDetails, appeal.id);
  }
}

@Resolver(() => BusRoute)
export class BusRouteResolver {
  @FieldResolver(() => TransportCarrier, { description: 'Перевозчик, обслуживающий маршрут' })
  carrier(@Root() route: BusRoute, @Ctx() ctx: PluginContext) {
    return loadById(ctx, TransportCarrier, route.carrier.id);
  }

  @FieldResolver(() => Municipality, { description: 'Муниципальное образование' })
  municipality(@Root() route: BusRoute, @Ctx() ctx: PluginContext) {
    return ctx.loaders.municipality.load(route.municipality.id);
  }
}

export const transportResolvers = [TransportAppealResolver, BusRouteResolver];
