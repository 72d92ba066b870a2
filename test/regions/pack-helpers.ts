import { RegionPackError, type RegionPack } from '../../core/region/index.js';
import { ReferenceDirectory } from '../../core/reference/cache/reference-directory.js';

/** The directory routing reads from the database, built from a pack's rows (ids = codes). */
export function directoryOf(pack: RegionPack): ReferenceDirectory {
  return new ReferenceDirectory({
    orgs: pack.organizations.map((o) => ({
      id: o.code,
      code: o.code,
      name: o.name,
      kind: o.kind,
      parentId: o.parentCode ?? null,
      municipalityId: o.municipalityCode ?? null,
      sectors: o.sectors,
      roles: o.roles,
    })),
    sectors: [],
    categories: [],
    municipalities: pack.municipalities.map((m) => ({ id: m.code, code: m.code })),
  });
}

/** The RegionPackError a load throws; fails the test when the pack is accepted. */
export function refusal(load: () => void): RegionPackError {
  try {
    load();
  } catch (error) {
    if (error instanceof RegionPackError) return error;
    throw error;
  }
  throw new Error('the pack was accepted');
}
