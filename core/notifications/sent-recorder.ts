import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';

const SENT_SQL = `update notification_outbox o set status = 'SENT', sent_at = r.at, last_error = null
from unnest($1::bigint[], $2::timestamptz[]) as r(id, at)
where o.id = r.id and o.status = 'SENDING' returning o.id`;

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records accepted outbox rows SENT by group commit: one statement at a time,
 * taking every row accepted while the previous one ran. No timer and no
 * batch to fill: a row waits at most one statement, so what a crash can
 * leave SENDING (and repeat, counted) is only what was in flight, as with one
 * statement per row, at a fraction of the round trips. `record` resolves
 * once the row's statement committed; `onSent` gets how many rows moved.
 */
export function sentRecorder(em: EntityManager, onSent: (count: number) => void) {
  let ids: string[] = [];
  let at: Date[] = [];
  let waiters: Waiter[] = [];
  let writing = false;

  const write = async () => {
    writing = true;
    while (ids.length) {
      const batch = { ids, at, waiters };
      ids = [];
      at = [];
      waiters = [];
      try {
        const rows = await pgQuery(em, SENT_SQL, [batch.ids, batch.at], { prepared: true });
        onSent(rows.length);
        for (const waiter of batch.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error);
      }
    }
    writing = false;
  };

  return {
    record(id: string, acceptedAt: Date): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        ids.push(id);
        at.push(acceptedAt);
        waiters.push({ resolve, reject });
        if (!writing) void write();
      });
    },
  };
}
