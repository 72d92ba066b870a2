import type { EntityManager } from '@mikro-orm/postgresql';
import type { MunicipalityReference, OrganizationReference } from '../reference/reference-types.js';
import type { SectorPlugin, SeedContext } from '../plugin-api/index.js';
import { textArray } from '../db/sql-array.js';

export interface RegionReference {
  municipalities: readonly MunicipalityReference[];
  organizations: readonly OrganizationReference[];
}

/**
 * Loads the region's reference data and the plugins' sectors and categories.
 * Idempotent: rows are matched by code and updated in place, so a restart
 * (or a second process) never duplicates them.
 */
export async function seedReference(em: EntityManager, region: RegionReference, plugins: readonly SectorPlugin[], demo: boolean): Promise<void> {
  const knex = em.getKnex();
  const run = (query: Parameters<ReturnType<EntityManager['getConnection']>['execute']>[0]) => em.getConnection().execute(query);

  await run(
    knex('municipality')
      .insert(region.municipalities.map((m) => ({
        id: knex.raw('gen_random_uuid()'), code: m.code, name: m.name, short_name: m.shortName, name_en: m.nameEn,
        kind: m.kind, population: m.population, center: m.center, name_forms: textArray(m.nameForms), settlements: textArray(m.settlements),
      })))
      .onConflict('code')
      .merge(['name', 'short_name', 'name_en', 'kind', 'population', 'center', 'name_forms', 'settlements']),
  );
  await run(
    knex('organization')
      .insert(region.organizations.map((o) => ({
        id: knex.raw('gen_random_uuid()'), code: o.code, name: o.name, short_name: o.shortName, kind: o.kind,
        sectors: textArray(o.sectors), demo: o.demo ?? false,
        municipality_id: o.municipalityCode ? knex('municipality').select('id').where('code', o.municipalityCode) : null,
      })))
      .onConflict('code')
      .merge(['name', 'short_name', 'kind', 'sectors', 'demo', 'municipality_id']),
  );
  // Parents after every row exists, so order in the list does not matter.
  for (const o of region.organizations.filter((org) => org.parentCode)) {
    await run(knex('organization').where('code', o.code).update({ parent_id: knex('organization').select('id').where('code', o.parentCode!) }));
  }

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
          .insert(plugin.categories.map((c) => ({
            id: knex.raw('gen_random_uuid()'), code: c.code, name: c.name, federal_code: c.federalCode ?? null,
            keywords: textArray(c.keywords), sector_id: knex('sector').select('id').where('code', plugin.code),
          })))
          .onConflict('code')
          .merge(['name', 'federal_code', 'keywords', 'sector_id']),
      );
    }
  }

  const ctx = seedContext(em, demo);
  for (const plugin of plugins) await plugin.seed?.(ctx);
}

function seedContext(em: EntityManager, demo: boolean): SeedContext {
  // One query per table for all codes, so that plugins may ask row by row.
  const idBy = (table: string, what: string) => {
    let ids: Promise<Map<string, string>> | null = null;
    return async (code: string) => {
      ids ??= em.getConnection().execute<{ id: string; code: string }[]>(em.getKnex()(table).select('id', 'code'))
        .then((rows) => new Map(rows.map((row) => [row.code, row.id])));
      const id = (await ids).get(code);
      if (!id) throw new Error(`Seed: ${what} with code "${code}" does not exist`);
      return id;
    };
  };
  return { em, demo, organizationId: idBy('organization', 'organization'), municipalityId: idBy('municipality', 'municipality') };
}
