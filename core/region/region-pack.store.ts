import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import type { RegionPack } from './region-pack.loader.js';

/** What loading a pack changed, table by table: codes inserted and updated, and how many rows were already so. */
export interface TableChanges {
  inserted: string[];
  updated: string[];
  unchanged: number;
  /** Rows of the table the pack does not list: kept (appeals may refer to them), reported so a wrong pack is noticed. */
  notInPack: number;
}

export interface RegionLoadReport {
  region: string;
  municipalities: TableChanges;
  organizations: TableChanges;
  /** Years of the production calendar; `kept`: stored years that differ from the pack and were left as they are. */
  calendar: TableChanges & { kept: string[] };
}

export interface ApplyOptions {
  /**
   * `missing`: only years the database lacks (start-up: a year an operator
   * loaded through `loadProductionCalendar` stays); `replace`: the pack's
   * years win (`npm run region:load`, an operator's explicit act).
   */
  calendar: 'missing' | 'replace';
}

type Changed = { code: string; inserted: boolean };

function changes(all: readonly string[], changed: readonly Changed[], notInPack: number): TableChanges {
  const inserted = changed.filter((row) => row.inserted).map((row) => row.code);
  const updated = [...new Set(changed.filter((row) => !row.inserted).map((row) => row.code))].filter((code) => !inserted.includes(code));
  return { inserted, updated, unchanged: all.length - inserted.length - updated.length, notInPack };
}

async function countOthers(em: EntityManager, table: 'municipality' | 'organization', codes: readonly string[]): Promise<number> {
  const [row] = await pgQuery<{ n: number }>(em, `select count(*)::int as n from ${table} where code <> all($1::text[])`, [codes]);
  return row?.n ?? 0;
}

const MUNICIPALITY_COLUMNS = ['name', 'short_name', 'name_en', 'kind', 'population', 'center', 'name_forms', 'settlements'];
const ORGANIZATION_COLUMNS = ['name', 'short_name', 'kind', 'sectors', 'roles', 'demo', 'municipality_id'];
const set = (table: string, columns: string[]) =>
  `${columns.map((c) => `${c} = excluded.${c}`).join(', ')} where (${columns.map((c) => `${table}.${c}`).join(', ')}) is distinct from (${columns.map((c) => `excluded.${c}`).join(', ')})`;

/**
 * Writes a pack into the reference tables, matched by code: rows are
 * inserted or updated in place (ids stay: appeals and users refer to them),
 * never deleted (stored appeals may name a body a new pack leaves out). Run
 * it in a transaction: the caller's, so that a failure leaves nothing half-loaded.
 * Rows that already hold the pack's values are not written, so the report
 * names only real changes and a repeated load changes nothing.
 */
export async function applyRegionPack(em: EntityManager, pack: RegionPack, options: ApplyOptions): Promise<RegionLoadReport> {
  const municipalities = await pgQuery<Changed>(
    em,
    `insert into municipality (id, code, ${MUNICIPALITY_COLUMNS.join(', ')})
     select gen_random_uuid(), r.code, ${MUNICIPALITY_COLUMNS.map((c) => `r.${c}`).join(', ')}
     from jsonb_to_recordset($1::jsonb) as r(code text, name text, short_name text, name_en text, kind municipality_kind, population int, center text, name_forms text[], settlements text[])
     on conflict (code) do update set ${set('municipality', MUNICIPALITY_COLUMNS)}
     returning code, (xmax = 0) as inserted`,
    [
      JSON.stringify(
        pack.municipalities.map((m) => ({
          code: m.code,
          name: m.name,
          short_name: m.shortName,
          name_en: m.nameEn,
          kind: m.kind,
          population: m.population,
          center: m.center,
          name_forms: m.nameForms,
          settlements: m.settlements,
        })),
      ),
    ],
  );
  const organizationRows = JSON.stringify(
    pack.organizations.map((o) => ({
      code: o.code,
      name: o.name,
      short_name: o.shortName,
      kind: o.kind,
      sectors: o.sectors,
      roles: o.roles,
      demo: o.demo ?? false,
      municipality_code: o.municipalityCode ?? null,
      parent_code: o.parentCode ?? null,
    })),
  );
  const organizations = await pgQuery<Changed>(
    em,
    `insert into organization (id, code, ${ORGANIZATION_COLUMNS.join(', ')})
     select gen_random_uuid(), r.code, r.name, r.short_name, r.kind, r.sectors, r.roles, r.demo, m.id
     from jsonb_to_recordset($1::jsonb) as r(code text, name text, short_name text, kind organization_kind, sectors text[], roles text[], demo boolean, municipality_code text)
     left join municipality m on m.code = r.municipality_code
     on conflict (code) do update set ${set('organization', ORGANIZATION_COLUMNS)}
     returning code, (xmax = 0) as inserted`,
    [organizationRows],
  );
  // Parents once every row exists, so the order of the file does not matter.
  const parents = await pgQuery<{ code: string }>(
    em,
    `update organization o set parent_id = p.id
     from jsonb_to_recordset($1::jsonb) as r(code text, parent_code text)
     left join organization p on p.code = r.parent_code
     where o.code = r.code and o.parent_id is distinct from p.id
     returning o.code`,
    [organizationRows],
  );
  const years = pack.calendar.map((year) => ({ year: year.year, data: year }));
  const calendar = await pgQuery<{ year: number; inserted: boolean }>(
    em,
    `insert into production_calendar_year (year, data)
     select r.year, r.data from jsonb_to_recordset($1::jsonb) as r(year int, data jsonb)
     on conflict (year) do ${
       options.calendar === 'replace'
         ? 'update set data = excluded.data, loaded_at = now() where production_calendar_year.data is distinct from excluded.data'
         : 'nothing'
     }
     returning year, (xmax = 0) as inserted`,
    [JSON.stringify(years)],
  );
  const kept =
    options.calendar === 'missing'
      ? await pgQuery<{ year: number }>(
          em,
          `select s.year from production_calendar_year s join jsonb_to_recordset($1::jsonb) as r(year int, data jsonb) on r.year = s.year
       where s.data is distinct from r.data`,
          [JSON.stringify(years)],
        )
      : [];
  const municipalityCodes = pack.municipalities.map((m) => m.code);
  const organizationCodes = pack.organizations.map((o) => o.code);
  return {
    region: pack.region.code,
    municipalities: changes(municipalityCodes, municipalities, await countOthers(em, 'municipality', municipalityCodes)),
    organizations: changes(
      organizationCodes,
      [...organizations, ...parents.map((row) => ({ code: row.code, inserted: false }))],
      await countOthers(em, 'organization', organizationCodes),
    ),
    calendar: {
      ...changes(
        years.map((y) => String(y.year)),
        calendar.map((row) => ({ code: String(row.year), inserted: row.inserted })),
        0,
      ),
      kept: kept.map((row) => String(row.year)),
    },
  };
}

/** One line per table for logs and the CLI: «municipalities: 2 inserted (a, b), 1 updated (c), 14 unchanged». */
export function describeChanges(report: RegionLoadReport): string[] {
  const line = (label: string, c: TableChanges, extra = '') => {
    const list = (codes: string[]) => (codes.length > 8 ? `${codes.slice(0, 8).join(', ')}, …` : codes.join(', '));
    const parts = [
      c.inserted.length ? `${c.inserted.length} inserted (${list(c.inserted)})` : null,
      c.updated.length ? `${c.updated.length} updated (${list(c.updated)})` : null,
      `${c.unchanged} unchanged`,
      c.notInPack ? `${c.notInPack} in the database but not in the pack (kept)` : null,
    ].filter(Boolean);
    return `${label}: ${parts.join(', ')}${extra}`;
  };
  return [
    `region ${report.region}`,
    line('municipalities', report.municipalities),
    line('organizations', report.organizations),
    line('calendar years', report.calendar, report.calendar.kept.length ? `; kept as stored: ${report.calendar.kept.join(', ')}` : ''),
  ];
}
