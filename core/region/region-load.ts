import type { EntityManager } from '@mikro-orm/postgresql';
import type { RegionPack } from './region-pack.loader.js';
import { applyRegionPack, type ApplyOptions, type RegionLoadReport } from './region-pack.store.js';

/**
 * Writes a pack into the database in one transaction: all of it or, on any
 * failure, nothing. Running processes see the new rows at their next request
 * (the reference tables' change counters, core/reference/reference-cache.ts);
 * what each process keeps from the pack itself (the name forms structuring
 * matches, the time zone) is read again at its next start.
 */
export function loadRegion(em: EntityManager, pack: RegionPack, options: ApplyOptions): Promise<RegionLoadReport> {
  return em.transactional((trx) => applyRegionPack(trx as EntityManager, pack, options));
}
