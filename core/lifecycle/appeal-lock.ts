import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../events/appeal-transaction.js';
import { appealScope } from '../auth/appeal-scope.js';
import { queryOne, sql } from '../db/sql.js';
import { Appeal } from '../entities/appeal.entity.js';
import { conflict, notFound } from '../errors/errors.js';
import { SYSTEM, type ActorKind } from './status-machine.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const actorKind = (actor: Actor): ActorKind => ('user' in actor ? actor.user.role : SYSTEM);

/**
 * Reads the appeal for change and locks its row until the transaction ends
 * (`select ... for update`), within what the caller may see (an appeal out of
 * scope is NOT_FOUND, as for reading). Concurrent changes of one appeal
 * queue here; the second then finds the version moved on.
 */
export async function lockAppeal(em: EntityManager, id: string, actor: Actor): Promise<Appeal> {
  if (!UUID.test(id)) throw notFound('Обращение', id);
  const scope = 'user' in actor ? appealScope(actor.user) : sql`true`;
  const row = await queryOne(em, sql`select a.* from appeal as a where a.id = ${id}::uuid and ${scope} for update`);
  if (!row) throw notFound('Обращение', id);
  return em.map(Appeal, row);
}

/** Optimistic locking: the caller changes the version it has seen, or gets CONFLICT with the current one. */
export function checkVersion(appeal: Appeal, expectedVersion: number | null | undefined): void {
  if (expectedVersion == null || appeal.version === expectedVersion) return;
  throw conflict(`Обращение ${appeal.number} уже изменено (версия ${appeal.version}, ожидалась ${expectedVersion}); обновите данные и повторите`, {
    currentVersion: appeal.version,
    expectedVersion,
  });
}
