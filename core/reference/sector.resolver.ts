import { Arg, Ctx, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Category, Municipality, Sector } from '../entities/index.js';
import type { RequestContext } from '../auth/request-context.js';
import type { CoreServices } from '../config/core-services.js';
import type { SectorPlugin } from '../plugin-api/plugin-types.js';

/** The sectors' resolvers read the enabled plugins (their rules and KPIs) besides the common services. */
type SectorContext = RequestContext<CoreServices & { plugins: readonly SectorPlugin[] }>;

@ObjectType({ description: 'Правило отраслевого блока (маршрутизация или срок), для объяснения решений' })
class SectorRule {
  @Field(() => String, { description: 'Код правила маршрутизации или срока' }) code!: string;
  @Field(() => String, { description: 'ROUTING или DEADLINE' }) kind!: string;
  @Field(() => String, { description: 'Правило по-русски' }) description!: string;
}

@ObjectType({ description: 'Отраслевой показатель (KPI)' })
class SectorKpi {
  @Field(() => String, { description: 'Код показателя' }) code!: string;
  @Field(() => String, { description: 'Показатель по-русски' }) name!: string;
  @Field(() => String, { description: 'Мера: count, onTimeRate, overdueShare, medianResponseHours, satisfactionAvg или repeatRate' }) measure!: string;
}

const enabledCodes = (ctx: SectorContext) => ctx.app.plugins.map((plugin) => plugin.code);

@Resolver(() => Sector)
export class SectorResolver {
  @Query(() => [Sector], { description: 'Отраслевые блоки: по одному на включённый плагин' })
  sectors(@Ctx() ctx: SectorContext) {
    return ctx.em.find(Sector, { code: { $in: enabledCodes(ctx) } }, { orderBy: { name: 'asc' } });
  }

  @Query(() => [Category], { description: 'Рубрики классификатора, всех или одного блока' })
  categories(
    @Arg('sector', () => String, { nullable: true, description: 'Код отраслевого блока; без него — рубрики всех блоков' }) sector: string | null,
    @Ctx() ctx: SectorContext,
  ) {
    const codes = sector ? [sector].filter((code) => enabledCodes(ctx).includes(code)) : enabledCodes(ctx);
    return ctx.em.find(Category, { sector: { code: { $in: codes } } }, { orderBy: { code: 'asc' } });
  }

  @Query(() => [Municipality], { description: 'Муниципальные образования' })
  municipalities(@Ctx() ctx: SectorContext) {
    return ctx.em.find(Municipality, {}, { orderBy: { kind: 'asc', name: 'asc' } });
  }

  @FieldResolver(() => [Category], { name: 'categories', description: 'Рубрики блока' })
  categoriesOf(@Root() sector: Sector, @Ctx() ctx: SectorContext) {
    return ctx.loaders
      .named<string, Category[]>('categoriesBySector', async (ids, em) => {
        const rows = await em.find(Category, { sector: { $in: [...ids] } }, { orderBy: { code: 'asc' } });
        return ids.map((id) => rows.filter((row) => row.sector.id === id));
      })
      .load(sector.id);
  }

  @FieldResolver(() => [SectorRule], { description: 'Правила маршрутизации и сроков блока' })
  rules(@Root() sector: Sector, @Ctx() ctx: SectorContext): SectorRule[] {
    const plugin = ctx.app.plugins.find((p) => p.code === sector.code);
    if (!plugin) return [];
    return [
      ...(plugin.routing ?? []).map((rule) => ({ code: rule.code, kind: 'ROUTING', description: rule.description })),
      ...(plugin.deadlines ?? []).map((rule) => ({ code: rule.code, kind: 'DEADLINE', description: rule.description })),
    ];
  }

  @FieldResolver(() => [SectorKpi], { description: 'Отраслевые показатели (KPI) блока с целевыми значениями' })
  kpis(@Root() sector: Sector, @Ctx() ctx: SectorContext): SectorKpi[] {
    return ctx.app.plugins.find((p) => p.code === sector.code)?.kpis ?? [];
  }
}

@Resolver(() => Category)
export class CategoryResolver {
  @FieldResolver(() => Sector, { description: 'Отраслевой блок рубрики' })
  sector(@Root() category: Category, @Ctx() ctx: SectorContext) {
    return ctx.loaders.sector.load(category.sector.id);
  }
}
