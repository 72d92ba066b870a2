import type { KpiDefinition } from '../plugin-api/index.js';
import type { AnalyticsContext } from './analytics-context.js';
import { textArray } from '../db/sql-array.js';

export interface ResolvedKpi extends KpiDefinition {
  sector: string;
  sectorName: string;
  /** The KPI's part of a group, over `appeal as a` (ids from the reference tables, inlined). */
  condition: string;
}

/** The enabled plugins' KPIs (all, or those named), with their SQL conditions. */
export async function resolveKpis(ctx: AnalyticsContext, codes?: readonly string[] | null): Promise<ResolvedKpi[]> {
  const wanted = ctx.app.plugins.flatMap((plugin) =>
    (plugin.kpis ?? []).filter((kpi) => !codes || codes.includes(kpi.code)).map((kpi) => ({ ...kpi, sector: plugin.code, sectorName: plugin.name.ru })),
  );
  if (!wanted.length) return [];
  const knex = ctx.em.getKnex();
  const conn = ctx.em.getConnection();
  const sectorCodes = [...new Set(wanted.map((kpi) => kpi.sector))];
  const categoryCodes = [...new Set(wanted.flatMap((kpi) => kpi.categories ?? []))];
  const sectors: { id: string; code: string }[] = await conn.execute(
    knex('sector')
      .select('id', 'code')
      .whereRaw('code = any(?::text[])', [textArray(sectorCodes)]),
  );
  const categories: { id: string; code: string }[] = categoryCodes.length
    ? await conn.execute(
        knex('category')
          .select('id', 'code')
          .whereRaw('code = any(?::text[])', [textArray(categoryCodes)]),
      )
    : [];
  const sectorId = new Map(sectors.map((s) => [s.code, s.id]));
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  return wanted.map((kpi) => {
    const sid = sectorId.get(kpi.sector);
    const cats = (kpi.categories ?? []).map((code) => categoryId.get(code)).filter((id): id is string => Boolean(id));
    const parts = [sid ? `a.sector_id = '${sid}'` : 'false'];
    if (kpi.categories?.length) parts.push(cats.length ? `a.category_id in (${cats.map((id) => `'${id}'`).join(',')})` : 'false');
    return { ...kpi, condition: parts.join(' and ') };
  });
}
