import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import type { StoredAudience } from './announcement.entity.js';
import { settlementKey, topicStems } from './place-keys.js';

/** A published announcement as intake matching needs it, in memory. */
export interface ActiveAnnouncement {
  id: string;
  kind: string;
  title: string;
  /** The text, for the author's notice when it answers an appeal. */
  body: string;
  validFrom: number;
  validTo: number | null;
  municipalityIds: ReadonlySet<string>;
  /** Street keys and settlement keys: one of them must occur in the appeal's address or text. */
  placeKeys: readonly string[];
  sectors: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  /** The title's topic stems, for appeals nobody has structured yet. */
  topic: ReadonlySet<string>;
}

/** How often a process asks whether announcements changed (one tiny read, never per registration). */
const CHECK_MS = 1000;
/** Announcements that ended longer ago than this no longer match (an import of older appeals still may within it). */
const ENDED_KEPT_DAYS = 30;

interface Entry {
  version: string;
  list: ActiveAnnouncement[];
  checkedAt: number;
  refreshing: Promise<ActiveAnnouncement[]> | null;
}
const cache = new WeakMap<object, Entry>();

const PRIORITY: Record<string, number> = { EMERGENCY: 0, OUTAGE: 1, WORKS: 2, INFO: 3 };

async function load(em: EntityManager): Promise<ActiveAnnouncement[]> {
  const rows = await pgQuery<{
    id: string;
    kind: string;
    title: string;
    body: string;
    valid_from: Date | string;
    valid_to: Date | string | null;
    audience: StoredAudience;
  }>(
    em,
    `select id, kind, title, body, valid_from, valid_to, audience from announcement
     where status = 'PUBLISHED' and (valid_to is null or valid_to > now() - make_interval(days => $1))`,
    [ENDED_KEPT_DAYS],
    { prepared: true },
  );
  return rows
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      validFrom: new Date(row.valid_from).getTime(),
      validTo: row.valid_to ? new Date(row.valid_to).getTime() : null,
      municipalityIds: new Set(row.audience.municipalityIds),
      placeKeys: [...row.audience.streetKeys, ...row.audience.settlements.map(settlementKey)],
      sectors: new Set(row.audience.sectors),
      categories: new Set(row.audience.categories),
      topic: topicStems(row.title),
    }))
    .sort((a, b) => (PRIORITY[a.kind] ?? 9) - (PRIORITY[b.kind] ?? 9) || b.validFrom - a.validFrom);
}

/**
 * The published announcements, kept by the process so that matching costs a
 * registration no query: at most once a second a caller reads the table's
 * change counter (reference_version, bumped by a trigger on `announcement`
 * in the changing transaction, so every process sees a change within a
 * second) and reloads the list only when it moved. Concurrent callers share
 * one read. One cache per MikroORM instance (tests run several apps).
 */
export async function activeAnnouncements(em: EntityManager): Promise<readonly ActiveAnnouncement[]> {
  const key = em.getMetadata();
  const entry = cache.get(key);
  if (entry && Date.now() - entry.checkedAt < CHECK_MS) return entry.list;
  if (entry?.refreshing) return entry.refreshing;
  const refreshing = (async () => {
    const fork = em.fork() as EntityManager;
    const [row] = await pgQuery<{ version: string }>(fork, `select version::text as version from reference_version where table_name = 'announcement'`, [], {
      prepared: true,
    });
    const version = row?.version ?? '0';
    const current = cache.get(key);
    const list = current && current.version === version ? current.list : await load(fork);
    cache.set(key, { version, list, checkedAt: Date.now(), refreshing: null });
    return list;
  })();
  if (entry) entry.refreshing = refreshing;
  else cache.set(key, { version: '', list: [], checkedAt: 0, refreshing });
  try {
    return await refreshing;
  } catch (error) {
    const current = cache.get(key);
    if (current?.refreshing === refreshing) current.refreshing = null;
    throw error;
  }
}

/** Drops this process's list (after a change here: the next registration reads it again). */
export function invalidateActiveAnnouncements(em: EntityManager): void {
  cache.delete(em.getMetadata());
}
