import type { KpiDefinition } from '../plugin-api/index.js';
import type { AnalyticsContext } from './measures/analytics-context.js';
import { query, sql } from '../db/sql.js';

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
  const sectorCodes = [...new Set(wanted.map((kpi) => kpi.sector))];
  const categoryCodes = [...new Set(wanted.flatMap((kpi) => kpi.categories ?? []))];
  const sectors = await query<{ id: string; code: string }>(ctx.em, sql`select id, code from sector where code = any(${sectorCodes}::text[])`);
  const categories = categoryCodes.length
    ? await query<{ id: string; code: string }>(ctx.em, sql`select id, code from category where code = any(${categoryCodes}::text[])`)
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
