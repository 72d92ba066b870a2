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
import { RoadOwner, RoadSegment, RoadsDetails } from './roads.entities.js';

@InputType('RoadSegmentFilter', { description: 'Отбор участков дорог' })
class RoadSegmentFilter {
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => RoadOwner, { nullable: true, description: 'Собственник' }) owner?: RoadOwner | null;
  @Field(() => String, { nullable: true, description: 'Номер дороги: буква, дефис, цифры' }) roadNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Поиск по наименованию' }) search?: string | null;
}

@ArgsType()
class RoadSegmentsArgs extends ForwardPageArgs {
  @Field(() => RoadSegmentFilter, { nullable: true, description: 'Отбор' }) filter?: RoadSegmentFilter | null;
}

const RoadSegmentConnection = connectionType(RoadSegment, 'RoadSegment');

@Resolver(() => Appeal)
export class RoadsAppealResolver {
  @Query(() => RoadSegmentConnection, { description: 'Участки дорог с собственником: федеральные, региональные, местные' })
  roadSegments(@Args(() => RoadSegmentsArgs) args: RoadSegmentsArgs, @Ctx() ctx: PluginContext) {
    const f = args.filter;
    return referencePage(ctx, {
      entity: RoadSegment,
      args,
      filter: {
        equals: { municipality: f?.municipalityId, owner: f?.owner, roadNumber: f?.roadNumber?.trim() },
        search: { words: f?.search, in: ['name'] },
      },
    });
  }

  @FieldResolver(() => RoadsDetails, { nullable: true, description: 'Сведения блока дорог' })
  roads(@Root() appeal: Appeal, @Ctx() ctx: PluginContext) {
    return loadAppealDetails(ctx, RoadsDetails, appeal.id);
  }
}

@Resolver(() => RoadsDetails)
export class RoadsDetailsResolver {
  @FieldResolver(() => RoadSegment, { nullable: true, description: 'Участок дороги из справочника' })
  roadSegment(@Root() details: RoadsDetails, @Ctx() ctx: PluginContext) {
    return details.roadSegmentId ? loadById(ctx, RoadSegment, details.roadSegmentId) : null;
  }
}

@Resolver(() => RoadSegment)
export class RoadSegmentResolver {
  @FieldResolver(() => Municipality, { description: 'Муниципальное образование' })
  municipality(@Root() segment: RoadSegment, @Ctx() ctx: PluginContext) {
    return ctx.loaders.municipality.load(segment.municipality.id);
  }
}

export const roadsResolvers = [RoadsAppealResolver, RoadsDetailsResolver, RoadSegmentResolver];
