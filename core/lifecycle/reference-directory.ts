import type { EntityManager } from '@mikro-orm/postgresql';
import { OrganizationKind } from '../entities/enums.js';
import { ReferenceCache, readReferenceVersions } from '../reference/reference-cache.js';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  municipalityId: string | null;
  sectors: string[];
}
export interface CategoryRef {
  id: string;
  code: string;
  sectorId: string;
  sectorCode: string;
}
export interface NamedRef {
  id: string;
  code: string;
}

/**
 * The reference data an intake or a routing decision needs, read in one go
 * (a few hundred rows at most), so that validating and routing 10,000 rows
 * costs no query per row.
 */
export class ReferenceDirectory {
  readonly orgById = new Map<string, OrgRef>();
  readonly orgByCode = new Map<string, OrgRef>();
  readonly sectorByCode = new Map<string, NamedRef>();
  readonly sectorById = new Map<string, NamedRef>();
  readonly categoryByCode = new Map<string, CategoryRef>();
  readonly categoryById = new Map<string, CategoryRef>();
  readonly municipalityById = new Map<string, NamedRef>();
  readonly municipalityByCode = new Map<string, NamedRef>();

  constructor(rows: { orgs: OrgRef[]; sectors: NamedRef[]; categories: CategoryRef[]; municipalities: NamedRef[] }) {
    for (const org of rows.orgs) {
      this.orgById.set(org.id, org);
      this.orgByCode.set(org.code, org);
    }
    for (const sector of rows.sectors) {
      this.sectorByCode.set(sector.code, sector);
      this.sectorById.set(sector.id, sector);
    }
    for (const category of rows.categories) {
      this.categoryByCode.set(category.code, category);
      this.categoryById.set(category.id, category);
    }
    for (const municipality of rows.municipalities) {
      this.municipalityById.set(municipality.id, municipality);
      this.municipalityByCode.set(municipality.code, municipality);
    }
  }

  /** The administration of a municipality (its local-government body). */
  administrationOf(municipalityId: string | null): OrgRef | null {
    if (!municipalityId) return null;
    for (const org of this.orgById.values()) {
      if (org.kind === OrganizationKind.MUNICIPAL_ADMINISTRATION && org.municipalityId === municipalityId) return org;
    }
    return null;
  }

  /** The sector's main executive body: the one EXECUTIVE_BODY that lists the sector (reference data invariant). */
  executiveBodyOf(sectorCode: string): OrgRef | null {
    for (const org of this.orgById.values()) {
      if (org.kind === OrganizationKind.EXECUTIVE_BODY && org.sectors.includes(sectorCode)) return org;
    }
    return null;
  }

  /** True when `orgId` is `ancestorId` or lies below it. */
  isWithin(orgId: string, ancestorId: string): boolean {
    for (let id: string | null = orgId, depth = 0; id && depth < 20; depth++) {
      if (id === ancestorId) return true;
      id = this.orgById.get(id)?.parentId ?? null;
    }
    return false;
  }
}

/** How long a process keeps the directory at most before it reads it again. */
const CACHE_MS = 30_000;
const TABLES = ['organization', 'sector', 'category', 'municipality'];
interface Entry {
  directory: Promise<ReferenceDirectory>;
  versions: Promise<ReadonlyMap<string, string>>;
  loadedAt: number;
}
const cache = new WeakMap<object, Entry>();

/**
 * The directory as this process last read it, so that a registration costs
 * no reference query. It is read again after CACHE_MS, at once when a
 * request of this process has seen the tables' change counters
 * (reference_version) move since it was read (reference-cache.ts), when
 * `invalidateReferenceDirectory` drops it, and when a lookup misses (a row
 * another process added since: the caller asks for `fresh: true`).
 * Concurrent callers share one read.
 */
export async function cachedReferenceDirectory(em: EntityManager, options: { fresh?: boolean } = {}): Promise<ReferenceDirectory> {
  const key = em.getMetadata();
  const entry = cache.get(key);
  if (entry && !options.fresh && Date.now() - entry.loadedAt < CACHE_MS) {
    const versions = await entry.versions;
    if (!ReferenceCache.of(em).changedSince(versions, TABLES)) return entry.directory;
  }
  const fork = em.fork() as EntityManager;
  // The counters before the rows: a row can only be newer than the counters it is filed under.
  const versions = readReferenceVersions(fork);
  const next: Entry = { versions, directory: versions.then(() => loadReferenceDirectory(fork)), loadedAt: Date.now() };
  cache.set(key, next);
  next.directory.catch(() => {
    if (cache.get(key) === next) cache.delete(key);
  });
  return next.directory;
}

/**
 * The cached directory if it knows every id and code asked for, else a fresh
 * copy (a row may have been added since the copy was read); what is still
 * unknown then is unknown.
 */
export async function referenceDirectoryKnowing(
  em: EntityManager,
  need: { orgIds?: (string | null | undefined)[]; categoryCodes?: (string | null | undefined)[]; municipalityIds?: (string | null | undefined)[] } = {},
): Promise<ReferenceDirectory> {
  const directory = await cachedReferenceDirectory(em);
  const knows = (ids: (string | null | undefined)[] | undefined, map: Map<string, unknown>) => (ids ?? []).every((id) => !id || map.has(id));
  if (knows(need.orgIds, directory.orgById) && knows(need.categoryCodes, directory.categoryByCode) && knows(need.municipalityIds, directory.municipalityById)) {
    return directory;
  }
  return cachedReferenceDirectory(em, { fresh: true });
}

/** Drops this process's copy of the reference directory (after a change to organizations, sectors, categories or municipalities). */
export function invalidateReferenceDirectory(em: EntityManager): void {
  cache.delete(em.getMetadata());
}

/** Input fields whose value must name a row of the directory. */
export const REFERENCE_FIELDS = new Set(['category', 'sector', 'municipalityId', 'organizationId', 'complaintAgainstOrganizationId']);

export async function loadReferenceDirectory(em: EntityManager): Promise<ReferenceDirectory> {
  const knex = em.getKnex();
  const [orgs, sectors, categories, municipalities] = await Promise.all([
    em.execute(knex('organization').select('id', 'code', 'name', 'kind', 'parent_id', 'municipality_id', 'sectors')),
    em.execute(knex('sector').select('id', 'code')),
    em.execute(knex('category as c').join('sector as s', 's.id', 'c.sector_id').select('c.id', 'c.code', 'c.sector_id', 's.code as sector_code')),
    em.execute(knex('municipality').select('id', 'code')),
  ]);
  return new ReferenceDirectory({
    orgs: orgs.map((o: any) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      parentId: o.parent_id,
      municipalityId: o.municipality_id,
      sectors: o.sectors ?? [],
    })),
    sectors: sectors.map((s: any) => ({ id: s.id, code: s.code })),
    categories: categories.map((c: any) => ({ id: c.id, code: c.code, sectorId: c.sector_id, sectorCode: c.sector_code })),
    municipalities: municipalities.map((m: any) => ({ id: m.id, code: m.code })),
  });
}
