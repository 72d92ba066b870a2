import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z, type ZodType } from 'zod';
import { displayName, parseFile } from './region-files.js';
import { RegionPackError } from './region-pack-error.js';

/** A plugin's tables: table name → the schema of one row. */
export type TableSchemas = Record<string, ZodType>;

/**
 * A sector plugin's reference data kept in the region pack, not in the
 * plugin: `sectors/<plugin code>/<table>.json`, one list of rows per table,
 * each row checked against the plugin's schema when the pack is loaded
 * (docs/regions.md). The plugin reads the loaded rows (its seed, its rules)
 * through `rows(table)`; a pack with no file for a table has no rows.
 */
export interface RegionTables<S extends TableSchemas = TableSchemas> {
  readonly schemas: S;
  /** The rows of a table in the loaded pack. Throws when no pack is loaded yet. */
  rows<K extends keyof S & string>(table: K): readonly z.output<S[K]>[];
  /** The pack the rows come from (its folder), or null before one is loaded. */
  readonly packDir: string | null;
  /**
   * The kind of a municipality of the loaded pack (`CITY_DISTRICT`,
   * `MUNICIPAL_DISTRICT`), null for a code it does not have: what a rule
   * asks instead of listing a region's city districts by code.
   */
  municipalityKind(code: string | null): string | null;
}

interface Loaded {
  dir: string;
  rows: Record<string, readonly unknown[]>;
  municipalityKinds: ReadonlyMap<string, string>;
}
const loadedOf = new WeakMap<RegionTables, Loaded>();

/** Declares a plugin's tables in the region pack: `regionTables({ 'bus-routes': busRouteRow })`. */
export function regionTables<S extends TableSchemas>(schemas: S): RegionTables<S> {
  const loaded = (what: string) => {
    const data = loadedOf.get(tables);
    if (!data) throw new Error(`${what} read before a region pack was loaded (the core loads it at start; tests call loadPluginRegionData)`);
    return data;
  };
  const tables: RegionTables<S> = {
    schemas,
    rows: (table) => (loaded(`region table "${table}"`).rows[table] ?? []) as never,
    municipalityKind: (code) => (code === null ? null : (loaded('a municipality kind').municipalityKinds.get(code) ?? null)),
    get packDir() {
      return loadedOf.get(tables)?.dir ?? null;
    },
  };
  return tables;
}

/** What the rows of a table may name in the pack's own files. */
export interface PackCodes {
  municipalities: ReadonlySet<string>;
  organizations: ReadonlySet<string>;
  /** Municipality code → kind. */
  municipalityKinds: ReadonlyMap<string, string>;
}

/** Fields whose values must name a row of the pack: checked on every table, whatever the plugin. */
const REFERENCES: Record<string, { of: 'municipalities' | 'organizations'; file: string }> = {
  municipalityCode: { of: 'municipalities', file: 'municipalities.json' },
  municipalityCodes: { of: 'municipalities', file: 'municipalities.json' },
  organizationCode: { of: 'organizations', file: 'organizations.json' },
};

function checkReferences(file: string, rows: readonly unknown[], codes: PackCodes): void {
  rows.forEach((row, index) => {
    for (const [field, reference] of Object.entries(REFERENCES)) {
      const value = (row as Record<string, unknown>)[field];
      for (const code of Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]) {
        if (typeof code === 'string' && !codes[reference.of].has(code)) {
          throw new RegionPackError(file, `"${code}" is not a code of ${reference.file}`, index + 1, field);
        }
      }
    }
  });
}

/**
 * Reads and checks the tables of the given plugins from a pack's folder and
 * makes them the rows the plugins read. Everything is checked before any
 * plugin sees new rows: a broken file leaves every plugin as it was. A file
 * in a plugin's folder that is none of its tables is refused (a misspelt
 * name would otherwise be a silently empty table).
 */
export function loadSectorTables(dir: string, plugins: readonly { code: string; regionTables?: RegionTables }[], codes: PackCodes): void {
  const loaded = new Map<RegionTables, Loaded>();
  for (const plugin of plugins) {
    const tables = plugin.regionTables;
    if (!tables) continue;
    const folder = join(dir, 'sectors', plugin.code);
    if (existsSync(folder)) {
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
        if (!Object.hasOwn(tables.schemas, file.slice(0, -'.json'.length))) {
          const known = Object.keys(tables.schemas).map((name) => `${name}.json`);
          throw new RegionPackError(displayName(join(folder, file)), `not a table of the ${plugin.code} plugin (its tables: ${known.join(', ')})`);
        }
      }
    }
    const rows: Record<string, readonly unknown[]> = {};
    for (const [table, schema] of Object.entries(tables.schemas)) {
      const file = join(folder, `${table}.json`);
      if (!existsSync(file)) continue;
      rows[table] = parseFile(file, z.array(schema), true);
      checkReferences(displayName(file), rows[table], codes);
    }
    loaded.set(tables, { dir, rows, municipalityKinds: codes.municipalityKinds });
  }
  for (const [tables, data] of loaded) loadedOf.set(tables, data);
}

const code = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lowercase latin code (a-z, 0-9, "-", ".")');
/** The fields most tables share, for a plugin's row schemas: `z.strictObject({ code: rowFields.code, ... })`. */
export const rowFields = {
  /** A stable latin code (the seed's key): never change it, stored rows refer to it. */
  code,
  /** Non-empty text a person reads. */
  text: z.string().trim().min(1, 'expected a non-empty string').max(1000),
  /** A municipality of the pack (municipalities.json); checked on load. */
  municipalityCode: code,
  /** A body of the pack (organizations.json); checked on load. */
  organizationCode: code,
  /** A legal entity's INN: 10 digits. */
  inn: z.string().regex(/^\d{10}$/, 'expected an INN of 10 digits'),
  /** The row is plausible but not verified against an official register. */
  demo: z.boolean().optional(),
  /** Sources and reasons, for the people who keep the pack; seeds ignore it. */
  note: z.string().max(5000).optional(),
} as const;
