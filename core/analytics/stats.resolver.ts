import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { getNullableType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { RequestContext } from '../auth/request-context.js';
import { AppealFilter } from '../appeals/appeal-filter.input.js';
import { StatsDimension } from './dimensions.js';
import { METRICS, type Metric } from './measures/metrics.js';
import { selectedFields } from './selection.js';
import { computeStats } from './stats.service.js';
import { StatsKpi, StatsRow } from './stats.types.js';
import { analyticsContext, type AnalyticsServices } from './measures/analytics-context.js';

@Resolver(() => StatsRow)
export class StatsResolver {
  @Query(() => [StatsRow], { description: 'Сводная статистика в разрезах (распоряжение, п. 5): считаются только выбранные показатели' })
  async stats(
    @Arg('groupBy', () => [StatsDimension], {
      description: 'Разрезы группировки (один или несколько, в порядке ключей строки); пустой список — одна строка итогов',
    })
    groupBy: StatsDimension[],
    @Arg('filter', () => AppealFilter, { nullable: true, description: 'Отбор обращений (тот же, что у appeals)' }) filter: AppealFilter | null,
    @Arg('from', () => DateTime, { nullable: true, description: 'Поступило не раньше' }) from: Date | null,
    @Arg('to', () => DateTime, { nullable: true, description: 'Поступило раньше' }) to: Date | null,
    @Ctx() ctx: RequestContext<AnalyticsServices>,
    @Info() info: GraphQLResolveInfo,
  ): Promise<StatsRow[]> {
    const fields = selectedFields(info);
    const metrics = new Set(fields.map((f) => f.name).filter((name): name is Metric => (METRICS as readonly string[]).includes(name)));
    const kpiField = fields.find((f) => f.name === 'kpis');
    let kpiCodes: string[] | null = null;
    if (kpiField) {
      const rowType = getNullableType(info.schema.getType('StatsRow')) as GraphQLObjectType;
      const args = getArgumentValues(rowType.getFields().kpis, kpiField.node, info.variableValues);
      kpiCodes = (args.codes as string[] | undefined) ?? null;
    }
    return computeStats(analyticsContext(ctx), { groupBy, filter, from, to, metrics, withKpis: Boolean(kpiField), kpiCodes });
  }

  @FieldResolver(() => [StatsKpi], {
    nullable: true,
    description:
      'Отраслевые показатели плагинов (KPI), в том же запросе. В строке с разрезом SECTOR — только показатели отраслевого блока этой строки (в строке без блока — ни одного), если не попросить все (allSectors: true)',
  })
  async kpis(
    @Root() row: StatsRow,
    @Ctx() ctx: RequestContext<AnalyticsServices>,
    @Arg('codes', () => [String], { nullable: true, description: 'Коды показателей; по умолчанию все включённых плагинов' }) _codes: string[] | null,
    @Arg('allSectors', () => Boolean, {
      defaultValue: false,
      description: 'true — показатели всех блоков в каждой строке, также при разрезе SECTOR (для сравнения блоков аналитиком)',
    })
    allSectors: boolean,
  ): Promise<StatsKpi[] | null> {
    if (!row.kpis) return null;
    const sectorKey = row.group.find((key) => key.dimension === StatsDimension.SECTOR);
    if (allSectors || !sectorKey) return row.kpis;
    const sector = sectorKey.value ? await ctx.loaders.sector.load(sectorKey.value) : null;
    return row.kpis.filter((kpi) => kpi.sector === sector?.code);
  }
}
