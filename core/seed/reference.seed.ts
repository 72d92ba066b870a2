import type { EntityManager } from '@mikro-orm/postgresql';
import type { SectorPlugin, SeedContext } from '../plugin-api/index.js';
import { textArray } from '../db/sql-array.js';
import type { RegionLoadReport, RegionPack } from '../region/index.js';
import { loadRegion } from '../region/region-load.js';

/**
 * Loads the region pack (municipalities, bodies, the calendar years the
 * database lacks) in one transaction, then the plugins' sectors and
 * categories. Idempotent: rows are matched by code and updated in place, so
 * a restart (or a second process) never duplicates them.
 */
export async function seedReference(em: EntityManager, region: RegionPack, plugins: readonly SectorPlugin[], demo: boolean): Promise<RegionLoadReport> {
  const report = await loadRegion(em, region, { calendar: 'missing' });
  const knex = em.getKnex();
  const run = (query: Parameters<ReturnType<EntityManager['getConnection']>['execute']>[0]) => em.getConnection().execute(query);

  for (const plugin of plugins) {
    await run(
      knex('sector')
        .insert({ id: knex.raw('gen_random_uuid()'), code: plugin.code, name: plugin.name.ru, name_en: plugin.name.en })
        .onConflict('code')
        .merge(['name', 'name_en']),
    );
    if (plugin.categories.length) {
      await run(
        knex('category')
          .insert(
            plugin.categories.map((c) => ({
              id: knex.raw('gen_random_uuid()'),
              code: c.code,
              name: c.name,
              federal_code: c.federalCode ?? null,
              keywords: textArray(c.keywords),
              sector_id: knex('sector').select('id').where('code', plugin.code),
            })),
          )
          .onConflict('code')
          .merge(['name', 'federal_code', 'keywords', 'sector_id']),
      );
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
      ids ??= em
        .getConnection()
        .execute<{ id: string; code: string }[]>(em.getKnex()(table).select('id', 'code'))
        .then((rows) => new Map(rows.map((row) => [row.code, row.id])));
      const id = (await ids).get(code);
      if (!id) throw new Error(`Seed: ${what} with code "${code}" does not exist`);
      return id;
    };
  };
  return { em, demo, organizationId: idBy('organization', 'organization'), municipalityId: idBy('municipality', 'municipality') };
}
