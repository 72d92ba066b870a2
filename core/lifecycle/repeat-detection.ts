import type { EntityManager } from '@mikro-orm/postgresql';
import { textArray } from '../db/sql-array.js';

const DAY_MS = 86_400_000;

export interface RepeatSubject {
  id: string;
  /** The registration number: its sequence part orders appeals received at the same moment. */
  number: string;
  receivedAt: Date;
  categoryId: string | null;
  keys: { email: string | null; phone: string | null; address: string | null };
}

export interface RepeatMatch {
  repeatOf: string;
  by: 'author' | 'address';
}

interface Candidate {
  id: string;
  number: string;
  received_at: Date;
  category_id: string | null;
  author_email_key: string | null;
  author_phone_key: string | null;
  address_key: string | null;
}

/**
 * Finds, for each new appeal, the latest earlier appeal within the window
 * (REPEAT_WINDOW_DAYS) by the same author (e-mail or phone) or at the same
 * address in the same category. One query for the whole batch; it runs after
 * the batch is inserted (same transaction), so appeals of the batch see each
 * other. "Earlier" is by receipt, ties broken by registration order.
 */
export async function detectRepeats(em: EntityManager, subjects: RepeatSubject[], windowDays: number): Promise<Map<string, RepeatMatch>> {
  const found = new Map<string, RepeatMatch>();
  const keyed = subjects.filter((s) => s.keys.email || s.keys.phone || (s.keys.address && s.categoryId));
  if (!windowDays || !keyed.length) return found;
  const windowMs = windowDays * DAY_MS;
  const times = keyed.map((s) => s.receivedAt.getTime());
  const collect = (pick: (s: RepeatSubject) => string | null) => [...new Set(keyed.map(pick).filter((k): k is string => Boolean(k)))];
  const emails = collect((s) => s.keys.email);
  const phones = collect((s) => s.keys.phone);
  const addresses = collect((s) => (s.categoryId ? s.keys.address : null));
  const categories = collect((s) => (s.keys.address ? s.categoryId : null));
  const knex = em.getKnex();
  const rows: Candidate[] = await em.execute(
    knex('appeal')
      .select('id', 'number', 'received_at', 'category_id', 'author_email_key', 'author_phone_key', 'address_key')
      .where('received_at', '>=', new Date(Math.min(...times) - windowMs))
      .where('received_at', '<=', new Date(Math.max(...times)))
      .where((q) => {
        q.whereRaw('author_email_key = any(?::text[])', [textArray(emails)])
          .orWhereRaw('author_phone_key = any(?::text[])', [textArray(phones)])
          .orWhereRaw('(address_key = any(?::text[]) and category_id::text = any(?::text[]))', [textArray(addresses), textArray(categories)]);
      }),
  );
  for (const subject of keyed) {
    const at = subject.receivedAt.getTime();
    const mine = sequenceOf(subject.number);
    let best: { row: Candidate; by: RepeatMatch['by'] } | null = null;
    for (const row of rows) {
      if (row.id === subject.id) continue;
      const rowAt = new Date(row.received_at).getTime();
      if (rowAt > at || rowAt < at - windowMs) continue;
      if (rowAt === at && sequenceOf(row.number) > mine) continue;
      const byAuthor = (subject.keys.email && row.author_email_key === subject.keys.email) || (subject.keys.phone && row.author_phone_key === subject.keys.phone);
      const byAddress = subject.keys.address && subject.categoryId && row.address_key === subject.keys.address && row.category_id === subject.categoryId;
      if (!byAuthor && !byAddress) continue;
      if (!best || later(row, best.row)) best = { row, by: byAuthor ? 'author' : 'address' };
    }
    if (best) found.set(subject.id, { repeatOf: best.row.id, by: best.by });
  }
  return found;
}

/** The sequence part of a registration number (`12-2026-0001234` → 1234): one sequence for all years. */
const sequenceOf = (number: string) => Number(number.slice(number.lastIndexOf('-') + 1));

function later(a: Candidate, b: Candidate): boolean {
  const diff = new Date(a.received_at).getTime() - new Date(b.received_at).getTime();
  return diff > 0 || (diff === 0 && sequenceOf(a.number) > sequenceOf(b.number));
}
