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
}

export const roadsResolvers = [
  RoadsAppealResolver,
  appealDetailsResolver('roads', RoadsDetails, 'Сведения блока дорог'),
  detailsReferenceResolver(RoadsDetails, 'roadSegment', RoadSegment, (d) => d.roadSegmentId, 'Участок дороги из справочника'),
  municipalityResolver(RoadSegment),
];
