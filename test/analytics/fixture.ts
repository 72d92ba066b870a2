/**
 * A data set with known answers for the analytics tests: appeals with chosen
 * times, statuses, scores, repeats, redirects, returns and answer texts,
 * inserted by SQL. The same records stay in JS, so that every metric can be
 * recomputed independently of the SQL under test.
 */
import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { bulk, identifier, join, query, raw, sql, type Sql } from '../../core/db/sql.js';

export const NOW = new Date('2026-06-15T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const OPEN = ['NEW', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ON_REVIEW', 'REDIRECTED', 'REOPENED'];
export const BOILERPLATE = 'Ваше обращение рассмотрено. Информация принята к сведению.';

export interface FxAppeal {
  id: string;
  number: string;
  channel: string;
  status: string;
  org: string | null;
  orgId: string | null;
  municipality: string;
  municipalityId: string;
  category: string;
  categoryId: string;
  sector: string;
  sectorId: string;
  assigneeId: string | null;
  receivedAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  pausedMs: number;
  pausedAt: Date | null;
  score: number | null;
  ratedAt: Date | null;
  isRepeat: boolean;
  repeatOf: string | null;
  redirected: boolean;
  returned: boolean;
  answerText: string | null;
  address: string;
}

export interface Fixture {
  appeals: FxAppeal[];
  orgIds: Map<string, string>;
  municipalities: Map<string, { id: string; population: number; shortName: string }>;
  categories: Map<string, { id: string; sectorId: string; sector: string; name: string }>;
  operators: Map<string, string[]>;
}

/** A small deterministic generator (mulberry32), so that runs are repeatable. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

const ORGS = ['adm-yoshkar-ola', 'adm-volzhsk', 'min-health', 'min-construction', 'gzhi', 'gku-roads'];
const MUNICIPALITIES = ['yoshkar-ola', 'volzhsk', 'medvedevsky', 'kozmodemyansk', 'zvenigovsky'];
const CATEGORIES = [
  'housing.heating',
  'housing.water-supply',
  'housing.roof-leak',
  'health.appointment',
  'health.drugs',
  'roads.potholes',
  'roads.snow-clearing',
];
const CHANNELS = ['POS', 'POS', 'POS', 'SOCIAL_MEDIA', 'EMAIL', 'WRITTEN', 'PHONE'];
const STATUSES = ['CLOSED', 'CLOSED', 'CLOSED', 'ANSWERED', 'ON_REVIEW', 'IN_PROGRESS', 'ASSIGNED', 'REGISTERED', 'NEW', 'REDIRECTED', 'REOPENED', 'REJECTED'];
/** Bodies differ, as real ones do: a diligent one, an average lot and a late one. */
const LATE_CHANCE: Record<string, number> = { gzhi: 0.03, 'min-health': 0.12, 'adm-volzhsk': 0.45 };
const GOOD_SCORES = [4, 5, 5, 5, 5, 4, 5, 3];
const TEXTS = ['Работы выполнены, тепло подано.', 'Яма отремонтирована.', 'Запись к врачу организована.', 'Проведена проверка, нарушения устранены.'];

/** The tiny body: two appeals answered in four minutes (fairness of ratings). */
export const TINY_ORG = 'min-transport';

export async function loadFixture(t: TestApp, count = 700, seed = 42): Promise<Fixture> {
  const em = t.em();
  const r = prng(seed);
  const orgRows = await query<{ id: string; code: string }>(em, sql`select id, code from organization where code = any(${[...ORGS, TINY_ORG]}::text[])`);
  const orgIds = new Map(orgRows.map((o) => [o.code, o.id]));
  const munRows = await query<{ id: string; code: string; population: number; short_name: string }>(
    em,
    sql`select id, code, population, short_name from municipality where code = any(${MUNICIPALITIES}::text[])`,
  );
  const municipalities = new Map(munRows.map((m) => [m.code, { id: m.id, population: m.population, shortName: m.short_name }]));
  const catRows = await query<{ id: string; code: string; sector_id: string; sector: string; name: string }>(
    em,
    sql`select c.id, c.code, c.sector_id, s.code as sector, c.name from category as c join sector as s on s.id = c.sector_id
      where c.code = any(${CATEGORIES}::text[])`,
  );
  const categories = new Map(catRows.map((c) => [c.code, { id: c.id, sectorId: c.sector_id, sector: c.sector, name: c.name }]));
  const operators = new Map<string, string[]>();
  for (const org of ORGS) {
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) ids.push((await t.user(Role.ORG_OPERATOR, { organizationCode: org })).id);
    operators.set(org, ids);
  }

  const appeals: FxAppeal[] = [];
  const start = new Date('2025-04-01T00:00:00Z').getTime();
  const make = (over: Partial<FxAppeal> & { receivedAt: Date }): FxAppeal => {
    const category = over.category ?? r.pick(CATEGORIES);
    const cat = categories.get(category)!;
    const municipality = over.municipality ?? r.pick(MUNICIPALITIES);
    const status = over.status ?? r.pick(STATUSES);
    const org = over.org !== undefined ? over.org : status === 'NEW' ? null : r.pick(ORGS);
    const received = over.receivedAt.getTime();
    const allowed = r.int(1, 30) * DAY;
    const pausedMs = r.chance(0.1) ? r.int(1, 72) * HOUR : 0;
    const dueAt = new Date(received + allowed + pausedMs);
    const answeredStatuses = ['CLOSED', 'ANSWERED', 'ON_REVIEW'];
    let answeredAt: Date | null = null;
    if (answeredStatuses.includes(status)) {
      const late = r.chance(LATE_CHANCE[org ?? ''] ?? 0.2);
      const ms = late ? allowed + pausedMs + r.int(1, 200) * HOUR : Math.max(r.next() * (allowed + pausedMs), 10 * 60_000);
      answeredAt = new Date(Math.min(received + ms, NOW.getTime() - HOUR));
    }
    const score = status === 'CLOSED' && r.chance(0.6) ? r.pick(org === 'gzhi' ? GOOD_SCORES : [1, 2, 3, 4, 5, 5, 4, 5]) : null;
    const base: FxAppeal = {
      id: randomUUID(),
      number: `T-${seed}-${appeals.length}`,
      channel: r.pick(CHANNELS),
      status,
      org,
      orgId: org ? orgIds.get(org)! : null,
      municipality,
      municipalityId: municipalities.get(municipality)!.id,
      category,
      categoryId: cat.id,
      sector: cat.sector,
      sectorId: cat.sectorId,
      assigneeId: org && operators.has(org) && r.chance(0.8) ? r.pick(operators.get(org)!) : null,
      receivedAt: over.receivedAt,
      dueAt,
      answeredAt,
      pausedMs,
      pausedAt: null,
      score,
      ratedAt: score ? new Date(answeredAt!.getTime() + HOUR) : null,
      isRepeat: false,
      repeatOf: null,
      redirected: status === 'REDIRECTED' || r.chance(0.06),
      returned: answeredAt != null && r.chance(0.08),
      answerText: answeredAt ? r.pick(TEXTS) + ` № ${appeals.length}` : null,
      address: `${municipalities.get(municipality)!.shortName}, ул. ${r.pick(['Ленина', 'Советская', 'Панфилова'])}, д. ${r.int(1, 60)}`,
    };
    return { ...base, ...over, category, municipality, status, org, orgId: org ? orgIds.get(org)! : null };
  };

  for (let i = 0; i < count; i++) {
    // Older months are thinner; a few land right at Moscow month boundaries (21:00-24:00 UTC).
    const span = NOW.getTime() - start - DAY;
    let received = start + Math.floor(Math.sqrt(r.next()) * span);
    if (i % 25 === 0) received = Date.UTC(2026, r.int(0, 4), 1) - r.int(1, 170) * 60_000;
    appeals.push(make({ receivedAt: new Date(received) }));
  }
  // Repeats: later appeals on the question of an answered earlier one.
  const answered = appeals.filter((a) => a.answeredAt && a.answeredAt.getTime() < NOW.getTime() - 10 * DAY);
  for (let i = 0; i < 25; i++) {
    const original = answered[(i * 7) % answered.length];
    const at = new Date(original.answeredAt!.getTime() + r.int(1, 9) * DAY);
    appeals.push(
      make({ receivedAt: at, category: original.category, municipality: original.municipality, org: original.org, isRepeat: true, repeatOf: original.id }),
    );
  }
  // One boilerplate answer sent to appeals on many different questions in May 2026.
  const may = appeals.filter(
    (a) => a.answeredAt && a.answeredAt >= new Date('2026-05-01T00:00:00+03:00') && a.answeredAt < new Date('2026-06-01T00:00:00+03:00'),
  );
  const seenCategories = new Set<string>();
  for (const a of may) {
    if (seenCategories.size >= 6) break;
    if (seenCategories.has(a.category)) continue;
    seenCategories.add(a.category);
    a.answerText = BOILERPLATE;
  }
  // A hot spot: heating in one street of Yoshkar-Ola in May 2026.
  for (let i = 0; i < 8; i++) {
    appeals.push(
      make({
        receivedAt: new Date(Date.parse('2026-05-10T08:00:00Z') + i * 2 * DAY),
        category: 'housing.heating',
        municipality: 'yoshkar-ola',
        org: 'adm-yoshkar-ola',
        status: 'IN_PROGRESS',
        address: `Йошкар-Ола, ул. Машиностроителей, д. ${i % 2 ? 12 : 14}`,
      }),
    );
  }
  // The tiny body: two appeals answered in four minutes, rated 5.
  for (let i = 0; i < 2; i++) {
    const receivedAt = new Date(Date.parse('2026-05-05T08:00:00Z') + i * DAY);
    appeals.push(
      make({
        receivedAt,
        org: TINY_ORG,
        status: 'CLOSED',
        category: 'roads.potholes',
        municipality: 'yoshkar-ola',
        answeredAt: new Date(receivedAt.getTime() + 4 * 60_000),
        score: 5,
        ratedAt: new Date(receivedAt.getTime() + HOUR),
        redirected: false,
        returned: false,
        isRepeat: false,
        pausedMs: 0,
        dueAt: new Date(receivedAt.getTime() + 10 * DAY),
        assigneeId: null,
      }),
    );
  }

  const rows = appeals.map((a) => ({
    id: a.id,
    number: a.number,
    channel: a.channel,
    external_id: a.number,
    status: a.status,
    text: `Обращение ${a.number}: ${categories.get(a.category)!.name}`,
    address: a.address,
    municipality_id: a.municipalityId,
    sector_id: a.sectorId,
    category_id: a.categoryId,
    organization_id: a.orgId,
    assignee_id: a.assigneeId,
    received_at: a.receivedAt,
    registered_at: a.status === 'NEW' ? null : new Date(a.receivedAt.getTime() + HOUR),
    due_at: a.dueAt,
    deadline_starts_at: a.receivedAt,
    answered_at: a.answeredAt,
    closed_at: a.status === 'CLOSED' ? a.answeredAt : null,
    paused_ms: a.pausedMs,
    satisfaction_score: a.score,
    rated_at: a.ratedAt,
    is_repeat: a.isRepeat,
    repeat_of_id: a.repeatOf,
  }));
  const events: Record<string, unknown>[] = [];
  const responses: Record<string, unknown>[] = [];
  for (const a of appeals) {
    events.push({ id: randomUUID(), appeal_id: a.id, type: 'REGISTERED', at: a.receivedAt, to_status: 'REGISTERED', actor_label: 'test' });
    if (a.redirected) {
      events.push({
        id: randomUUID(),
        appeal_id: a.id,
        type: 'REDIRECTED',
        at: new Date(a.receivedAt.getTime() + 2 * HOUR),
        from_status: 'ASSIGNED',
        to_status: 'REDIRECTED',
        reason: 'по компетенции',
        actor_label: 'test',
      });
    }
    if (a.returned) {
      events.push({
        id: randomUUID(),
        appeal_id: a.id,
        type: 'ANSWER_REVIEWED',
        at: new Date(a.answeredAt!.getTime() - 30 * 60_000),
        reason: 'Ответ не по существу',
        data: JSON.stringify({ decision: 'RETURN' }),
        actor_label: 'test',
      });
    }
    if (a.answeredAt) {
      // Answers reach the data set both ways analytics reads them: the lifecycle's accepted responses and imported history.
      if (responses.length <= events.length / 4) {
        responses.push({
          id: randomUUID(),
          appeal_id: a.id,
          text: a.answerText,
          result: 'ANSWER_GIVEN',
          organization_id: a.orgId,
          created_at: new Date(a.answeredAt.getTime() - HOUR),
          review_decision: 'ACCEPT',
          reviewed_at: a.answeredAt,
        });
      } else {
        events.push({
          id: randomUUID(),
          appeal_id: a.id,
          type: 'ANSWERED',
          at: a.answeredAt,
          to_status: 'ANSWERED',
          data: JSON.stringify({ text: a.answerText }),
          actor_label: 'test',
        });
      }
    }
  }
  await em.transactional(async (tx) => {
    // Originals first: repeat_of_id refers to them.
    const originals = rows.filter((row) => !row.repeat_of_id);
    const repeats = rows.filter((row) => row.repeat_of_id);
    for (const part of [originals, repeats]) for (let i = 0; i < part.length; i += 300) await query(tx, insertRows('appeal', part.slice(i, i + 300)));
    for (let i = 0; i < events.length; i += 500) await query(tx, insertRows('appeal_event', events.slice(i, i + 500)));
    for (let i = 0; i < responses.length; i += 500) await query(tx, insertRows('appeal_response', responses.slice(i, i + 500)));
  });
  return { appeals, orgIds, municipalities, categories, operators };
}

/** Rows as one insert: the columns are the union of their keys, and a key a row lacks takes the column's default. */
function insertRows(table: string, rows: Record<string, unknown>[]): Sql {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const values = rows.map((row) => columns.map((column) => (row[column] === undefined ? raw('default') : row[column])));
  return sql`insert into ${identifier(table)} (${join(columns.map(identifier))}) values ${bulk(values)}`;
}
