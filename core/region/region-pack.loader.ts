import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { productionYearSchema, type ProductionYear } from '../deadlines/production-year.js';
import type { MunicipalityReference, OrganizationReference } from '../entities/reference-types.js';
import { municipalitiesFileSchema, organizationsFileSchema, regionFileSchema, type RegionInfo } from './region-pack.schema.js';
import { loadRegionDemo, type RegionDemo } from './region-demo.js';
import { RegionPackError } from './region-pack-error.js';
import { DEFAULT_REGION_PACK, displayName, parseFile, resolveRegionPackDir } from './region-files.js';
import { checkPackIntegrity } from './region-pack.integrity.js';
import { loadSectorTables, type RegionTables } from './sector-tables.js';
import { bindDeclaredRoles, type RoleDeclaringPlugin } from './region-pack.roles.js';

/** A region as data: everything the core needs to know of the place it serves (docs/regions.md). */
export interface RegionPack {
  /** Absolute path of the pack's folder. */
  dir: string;
  region: RegionInfo;
  municipalities: MunicipalityReference[];
  organizations: OrganizationReference[];
  /** Production-calendar years shipped with the pack (calendar/ru-YYYY.json). */
  calendar: ProductionYear[];
  /** What the demo (`DEMO=1`) is made of: the pack's demo-*.json files (region-demo.ts); empty lists without them. */
  demo: RegionDemo;
}

const YEAR_FILE = /^ru-(\d{4})\.json$/;

function loadCalendar(dir: string): ProductionYear[] {
  const calendarDir = join(dir, 'calendar');
  if (!existsSync(calendarDir) || !statSync(calendarDir).isDirectory()) return [];
  return readdirSync(calendarDir)
    .filter((file) => YEAR_FILE.test(file))
    .sort()
    .map((file) => {
      const path = join(calendarDir, file);
      const year = parseFile(path, productionYearSchema, false);
      if (String(year.year) !== YEAR_FILE.exec(file)![1]) {
        throw new RegionPackError(displayName(path), `the file name says ${file}, the data says ${year.year}`, undefined, 'year');
      }
      return year;
    });
}

/**
 * Reads and validates a pack: each file against its schema, then the rows
 * against each other (codes unique, references resolve, one responsible body
 * per sector). Files the core does not know (a gazetteer, notes) are left
 * alone, so a pack may carry data for other readers.
 */
export function loadRegionPack(setting: string = DEFAULT_REGION_PACK): RegionPack {
  const dir = resolveRegionPackDir(setting);
  const file = (name: string) => join(dir, name);
  const pack: RegionPack = {
    dir,
    region: parseFile(file('region.json'), regionFileSchema, false),
    // Notes are for the people who keep the pack; the core does not carry them.
    municipalities: parseFile(file('municipalities.json'), municipalitiesFileSchema, true).map(({ note: _, ...row }) => row),
    organizations: parseFile(file('organizations.json'), organizationsFileSchema, true).map(({ note: _, ...row }) => row),
    calendar: loadCalendar(dir),
    demo: loadRegionDemo(dir),
  };
  checkPackIntegrity(pack, (name) => displayName(file(name)));
  return pack;
}

/**
 * Reads the plugins' tables from the pack (`sectors/<plugin>/<table>.json`),
 * checks them against the plugins' schemas and against the pack's
 * municipalities and bodies, and makes them the rows the plugins read; and
 * checks that the pack binds every role the plugins declare (their
 * responsible body, the required further bodies) to one organization.
 */
export function loadPackTables(pack: RegionPack, plugins: readonly (RoleDeclaringPlugin & { regionTables?: RegionTables })[]): void {
  const roles = bindDeclaredRoles(pack, plugins, displayName(join(pack.dir, 'organizations.json')));
  loadSectorTables(pack.dir, plugins, {
    municipalities: new Set(pack.municipalities.map((m) => m.code)),
    organizations: new Set(pack.organizations.map((o) => o.code)),
    municipalityKinds: new Map(pack.municipalities.map((m) => [m.code, m.kind])),
  });
  roles.commit();
}
