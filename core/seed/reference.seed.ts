import type { EntityManager } from '@mikro-orm/postgresql';
import type { SectorPlugin, SeedContext } from '../plugin-api/index.js';
import { identifier, idWhere, insertInto, onConflict, query, sql } from '../db/sql.js';
import type { RegionLoadReport, RegionPack } from '../region/index.js';
import { loadRegion } from '../region/region-load.js';
import { loadPackTables } from '../region/region-pack.loader.js';

/**
 * Loads the region pack (municipalities, bodies, the calendar years the
 * database lacks) in one transaction, then the plugins' sectors and
 * categories, then each plugin's seed over its tables of the pack (checked
 * first, before anything is written). Idempotent: rows are matched by code and updated in place, so
 * a restart (or a second process) never duplicates them.
 */
export async function seedReference(em: EntityManager, region: RegionPack, plugins: readonly SectorPlugin[], demo: boolean): Promise<RegionLoadReport> {
  loadPackTables(region, plugins);
  const report = await loadRegion(em, region, { calendar: 'missing' });
  for (const plugin of plugins) {
    const sector = { id: sql`gen_random_uuid()`, code: plugin.code, name: plugin.name.ru, name_en: plugin.name.en };
    await query(em, sql`${insertInto('sector', [sector])} ${onConflict(['code'], ['name', 'name_en'])}`);
    if (plugin.categories.length) {
      const categories = plugin.categories.map((c) => ({
        id: sql`gen_random_uuid()`,
        code: c.code,
        name: c.name,
        federal_code: c.federalCode ?? null,
        keywords: c.keywords,
        sector_id: idWhere('sector', 'code', plugin.code),
      }));
      await query(em, sql`${insertInto('category', categories)} ${onConflict(['code'], ['name', 'federal_code', 'keywords', 'sector_id'])}`);
    }
  }

  const ctx = seedContext(em, demo);
  for (const plugin of plugins) await plugin.seed?.(ctx);
  return report;
}

function seedContext(em: EntityManager, demo: boolean): SeedContext {
  // One query per table for all codes, so that plugins may ask row by row.
  const idBy = (table: string, what: string) => {
    let ids: Promise<Map<string, string>> | null = null;
    return async (code: string) => {
      ids ??= query<{ id: string; code: string }>(em, sql`select id, code from ${identifier(table)}`).then(
        (rows) => new Map(rows.map((row) => [row.code, row.id])),
      );
      const id = (await ids).get(code);
      if (!id) throw new Error(`Seed: ${what} with code "${code}" does not exist`);
      return id;
    };
  };
  return { em, demo, organizationId: idBy('organization', 'organization'), municipalityId: idBy('municipality', 'municipality') };
}
