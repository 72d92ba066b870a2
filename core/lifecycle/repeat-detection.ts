import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';

const DAY_MS = 86_400_000;

/** A new appeal, before it is written. */
export interface RepeatSubject {
  id: string;
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
  at: number;
  /** Registration order: stored appeals (by number) before the batch (by position). */
  rank: [number, number];
  categoryId: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

interface StoredRow {
  id: string;
  number: string;
  received_at: Date;
  category_id: string | null;
  author_email_key: string | null;
  author_phone_key: string | null;
  address_key: string | null;
}

/** The sequence part of a registration number (`12-2026-0001234` → 1234): one sequence for all years. */
const sequenceOf = (number: string) => Number(number.slice(number.lastIndexOf('-') + 1));

const before = (a: Candidate, b: Candidate) => a.at < b.at || (a.at === b.at && (a.rank[0] < b.rank[0] || (a.rank[0] === b.rank[0] && a.rank[1] < b.rank[1])));

/**
 * Finds, for each new appeal of a batch (in registration order), the latest
 * earlier appeal within the window (REPEAT_WINDOW_DAYS) by the same author
 * (e-mail or phone) or at the same address in the same category: among the
 * stored appeals (one indexed query per kind of match for the whole batch),
 * `earlier` (appeals registered before the batch in transactions not
 * committed yet) and the batch itself. "Earlier" is by receipt, then by
 * registration order.
 */
export async function detectRepeats(
  em: EntityManager,
  subjects: RepeatSubject[],
  windowDays: number,
  earlier: readonly RepeatSubject[] = [],
): Promise<Map<string, RepeatMatch>> {
  const found = new Map<string, RepeatMatch>();
  const keyed = subjects.filter((s) => s.keys.email || s.keys.phone || (s.keys.address && s.categoryId));
  if (!windowDays || !keyed.length) return found;
  const windowMs = windowDays * DAY_MS;
  const candidates = [...(await storedCandidates(em, keyed, windowMs))];
  // Registered before the batch, not committed yet (an import's chunks in flight): after the stored ones, before the batch.
  earlier.forEach((s, i) =>
    candidates.push({
      id: s.id,
      at: s.receivedAt.getTime(),
      rank: [1, i - earlier.length],
      categoryId: s.categoryId,
      email: s.keys.email,
      phone: s.keys.phone,
      address: s.keys.address,
    }),
  );
  subjects.forEach((s, i) =>
    candidates.push({
      id: s.id,
      at: s.receivedAt.getTime(),
      rank: [1, i],
      categoryId: s.categoryId,
      email: s.keys.email,
      phone: s.keys.phone,
      address: s.keys.address,
    }),
  );
  const byEmail = groupBy(candidates, (c) => c.email);
  const byPhone = groupBy(candidates, (c) => c.phone);
  const byAddress = groupBy(candidates, (c) => (c.address && c.categoryId ? `${c.categoryId} ${c.address}` : null));
  const self = new Map(candidates.filter((c) => c.rank[0] === 1).map((c) => [c.id, c]));

  for (const subject of keyed) {
    const me = self.get(subject.id)!;
    const best: { candidate: Candidate | null; by: RepeatMatch['by'] } = { candidate: null, by: 'author' };
    const consider = (list: Candidate[] | undefined, by: RepeatMatch['by']) => {
      for (const candidate of list ?? []) {
        if (candidate === me || !before(candidate, me) || candidate.at < me.at - windowMs) continue;
        if (!best.candidate || before(best.candidate, candidate)) Object.assign(best, { candidate, by });
      }
    };
    consider(me.email ? byEmail.get(me.email) : undefined, 'author');
    consider(me.phone ? byPhone.get(me.phone) : undefined, 'author');
    consider(me.address && me.categoryId ? byAddress.get(`${me.categoryId} ${me.address}`) : undefined, 'address');
    if (best.candidate) found.set(subject.id, { repeatOf: best.candidate.id, by: best.by });
  }
  return found;
}

const CANDIDATE_COLUMNS = 'id, number, received_at, category_id, author_email_key, author_phone_key, address_key';
/**
 * One indexed branch per kind of match, on the (author_*_key, received_at)
 * and (category_id, address_key, received_at) indexes (an OR of them would
 * scan); an empty array makes its branch an empty index scan. Fixed text, so
 * prepared once per connection.
 */
const STORED_CANDIDATES_SQL = `select ${CANDIDATE_COLUMNS} from appeal where author_email_key = any($1::text[]) and received_at >= $4 and received_at <= $5
union
select ${CANDIDATE_COLUMNS} from appeal where author_phone_key = any($2::text[]) and received_at >= $4 and received_at <= $5
union
select ${CANDIDATE_COLUMNS} from appeal where category_id = any($3::uuid[]) and address_key = any($6::text[]) and received_at >= $4 and received_at <= $5`;

async function storedCandidates(em: EntityManager, keyed: RepeatSubject[], windowMs: number): Promise<Candidate[]> {
  const times = keyed.map((s) => s.receivedAt.getTime());
  const collect = (pick: (s: RepeatSubject) => string | null) => [...new Set(keyed.map(pick).filter((k): k is string => Boolean(k)))];
  const emails = collect((s) => s.keys.email);
  const phones = collect((s) => s.keys.phone);
  const addresses = collect((s) => (s.categoryId ? s.keys.address : null));
  const categories = collect((s) => (s.keys.address ? s.categoryId : null));
  if (!emails.length && !phones.length && !addresses.length) return [];
  const from = new Date(Math.min(...times) - windowMs);
  const to = new Date(Math.max(...times));
  const rows = await pgQuery<StoredRow>(em, STORED_CANDIDATES_SQL, [emails, phones, addresses.length ? categories : [], from, to, addresses], {
    prepared: true,
  });
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.received_at).getTime(),
    rank: [0, sequenceOf(row.number)],
    categoryId: row.category_id,
    email: row.author_email_key,
    phone: row.author_phone_key,
    address: row.address_key,
  }));
}

function groupBy(candidates: Candidate[], key: (c: Candidate) => string | null): Map<string, Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const k = key(candidate);
    if (!k) continue;
    const list = groups.get(k);
    if (list) list.push(candidate);
    else groups.set(k, [candidate]);
  }
  return groups;
}
