import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql } from '../../db/sql.js';
import { OrganizationKind } from '../../entities/enums.js';

export interface OrgRef {
  id: string;
  code: string;
  name: string;
  kind: OrganizationKind;
  parentId: string | null;
  municipalityId: string | null;
  sectors: string[];
  /** Roles the body takes (plugins' `responsibleBody.role`). */
  roles?: string[];
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

  /** The body the region pack binds to a plugin's declared role (at most one: checked when the pack is loaded). */
  bodyWithRole(role: string): OrgRef | null {
    for (const org of this.orgById.values()) if (org.roles?.includes(role)) return org;
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

/** Reads the whole directory: four statements, a few hundred rows. */
export async function loadReferenceDirectory(em: EntityManager): Promise<ReferenceDirectory> {
  const [orgs, sectors, categories, municipalities] = await Promise.all([
    query<{
      id: string;
      code: string;
      name: string;
      kind: OrganizationKind;
      parent_id: string | null;
      municipality_id: string | null;
      sectors: string[] | null;
      roles: string[] | null;
    }>(em, sql`select id, code, name, kind, parent_id, municipality_id, sectors, roles from organization`),
    query<NamedRef>(em, sql`select id, code from sector`),
    query<{ id: string; code: string; sector_id: string; sector_code: string }>(
      em,
      sql`select c.id, c.code, c.sector_id, s.code as sector_code from category c join sector s on s.id = c.sector_id`,
    ),
    query<NamedRef>(em, sql`select id, code from municipality`),
  ]);
  return new ReferenceDirectory({
    orgs: orgs.map((o) => ({
      id: o.id,
      code: o.code,
      name: o.name,
      kind: o.kind,
      parentId: o.parent_id,
      municipalityId: o.municipality_id,
      sectors: o.sectors ?? [],
      roles: o.roles ?? [],
    })),
    sectors: sectors.map((s) => ({ id: s.id, code: s.code })),
    categories: categories.map((c) => ({ id: c.id, code: c.code, sectorId: c.sector_id, sectorCode: c.sector_code })),
    municipalities: municipalities.map((m) => ({ id: m.id, code: m.code })),
  });
}
