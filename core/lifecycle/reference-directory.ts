import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceCache } from '../reference/cache/reference-cache.js';
import type { ReferenceDirectory } from '../reference/cache/reference-directory.js';

export { loadReferenceDirectory, ReferenceDirectory, type CategoryRef, type NamedRef, type OrgRef } from '../reference/cache/reference-directory.js';

/**
 * The reference directory as this process last read it (the one reference
 * cache, core/reference/reference-cache.ts), so that a registration costs no
 * reference query; `fresh: true` reads it again (a lookup missed: a row
 * another process added since).
 */
export function cachedReferenceDirectory(em: EntityManager, options: { fresh?: boolean } = {}): Promise<ReferenceDirectory> {
  return ReferenceCache.of(em).directory(em, options);
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

/** Input fields whose value must name a row of the directory. */
export const REFERENCE_FIELDS = new Set(['category', 'sector', 'municipalityId', 'organizationId', 'complaintAgainstOrganizationId']);
