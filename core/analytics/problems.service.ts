import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Role } from '../entities/enums.js';
import { Problem, ProblemStatus } from '../entities/problem.entity.js';
import { SUBORDINATE_ORGANIZATIONS_SQL } from '../auth/appeal-scope.js';
import type { AuthUser } from '../auth/auth-user.js';
import { textArray } from '../db/sql-array.js';
import { badInput, notFound } from '../errors/errors.js';
import { readPageArgs, toConnection, type PageArgs } from '../graphql/pagination.js';
import { ProblemTrend, type CreateProblemInput, type ProblemFilter, type UpdateProblemInput } from './problems.types.js';

/**
 * The street of an address: lower case, without the house, flat or building
 * («Луговой, ул. Ленина, д. 5, кв. 3» → «луговой, ул. ленина»), so that
 * appeals about neighbouring houses of one street fall into one cluster.
 * (No question mark in it: knex would take it for a binding.)
 */
const HOUSE_PART = `'\\s*,{0,1}\\s*(д\\.|дом|кв\\.|корп|стр\\.|строение).*$'`;
// One case-sensitive regexp on the lower-cased text: a report runs it over every appeal of two months.
export const STREET_SQL = `nullif(trim(regexp_replace(lower(a.address), ${HOUSE_PART}, '')), '')`;
/** The same cut in JS, for labels taken from one address of a cluster. */
export const streetOf = (address: string) => address.replace(/\s*,?\s*(д\.|дом|кв\.|корп|стр\.|строение).*$/i, '').trim();
/** The street as people wrote it (the most frequent spelling in the cluster), for titles. */
export const STREET_LABEL_SQL = `mode() within group (order by trim(regexp_replace(regexp_replace(a.address, ${HOUSE_PART}, '', 'i'), '\\s+', ' ', 'g')))`;

/** Great-circle distance in metres from (?, ?) — latitude, longitude — to the appeal. */
const DISTANCE_SQL = `6371000 * 2 * asin(sqrt(power(sin(radians(a.latitude - ?) / 2), 2) + cos(radians(?)) * cos(radians(a.latitude)) * power(sin(radians(a.longitude - ?) / 2), 2)))`;

export function problemTrend(count: number, previous: number): ProblemTrend {
  if (previous === 0) return ProblemTrend.NEW;
  if (count >= previous * 1.2) return ProblemTrend.RISING;
  if (count <= previous * 0.8) return ProblemTrend.FALLING;
  return ProblemTrend.STABLE;
}

export interface DetectOptions {
  from: Date;
  to: Date;
  minCount: number;
}

/**
 * The clustering job: appeals of one category, one municipality and one
 * street in the window, at least `minCount` of them, become (or refresh) a
 * problem; counts of the previous window of the same length give the trend.
 * Status, decision and indicator set by people are never overwritten.
 */
export async function detectProblems(em: EntityManager, options: DetectOptions): Promise<string[]> {
  const { from, to, minCount } = options;
  if (from >= to) throw badInput('to', 'Конец периода должен быть позже начала');
  const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const sql = `
  with clusters as (
    select a.category_id, a.municipality_id, ${STREET_SQL} as street,
      count(*) filter (where a.received_at >= :from)::int as n,
      count(*) filter (where a.received_at < :from)::int as previous,
      array_agg(a.id) filter (where a.received_at >= :from) as ids,
      mode() within group (order by a.organization_id) filter (where a.received_at >= :from) as organization_id,
      ${STREET_LABEL_SQL} as street_label
    from appeal a
    where a.received_at >= :previousFrom and a.received_at < :to and a.category_id is not null and a.address is not null
    group by 1, 2, 3
    having count(*) filter (where a.received_at >= :from) >= :minCount
  ), upserted as (
    insert into problem (id, key, title, category_id, municipality_id, address, window_from, window_to, appeal_count, previous_count,
                         responsible_organization_id, status, created_at, updated_at)
    select gen_random_uuid(), concat_ws('|', c.category_id, c.municipality_id, c.street), cat.name || ': ' || c.street_label,
           c.category_id, c.municipality_id, c.street_label, :from, :to, c.n, c.previous, c.organization_id, 'NEW', now(), now()
    from clusters c join category cat on cat.id = c.category_id
    where c.street is not null
    on conflict (key) do update set window_from = excluded.window_from, window_to = excluded.window_to,
      appeal_count = excluded.appeal_count, previous_count = excluded.previous_count,
      responsible_organization_id = coalesce(problem.responsible_organization_id, excluded.responsible_organization_id), updated_at = now()
    returning id, key
  ), linked as (
    insert into problem_appeal (problem_id, appeal_id)
    select u.id, unnest(c.ids) from upserted u join clusters c on u.key = concat_ws('|', c.category_id, c.municipality_id, c.street)
    on conflict do nothing
  )
  select id from upserted`;
  const result: any = await em.getConnection().execute(em.getKnex().raw(sql, { from, to, previousFrom, minCount }));
  const rows: { id: string }[] = Array.isArray(result) ? result : result.rows;
  return rows.map((r) => r.id);
}

/** A problem drawn by hand: a category within a radius of a point (appeals with a location). */
export async function createRadiusProblem(em: EntityManager, input: CreateProblemInput): Promise<string> {
  if (input.from >= input.to) throw badInput('input.to', 'Конец периода должен быть позже начала');
  if (input.radiusMeters <= 0 || input.radiusMeters > 50_000) throw badInput('input.radiusMeters', 'Радиус от 1 м до 50 км');
  if (Math.abs(input.latitude) > 90 || Math.abs(input.longitude) > 180) throw badInput('input.latitude', 'Некорректные координаты');
  const knex = em.getKnex();
  return em.transactional(async (tx) => {
    // Every statement on the transaction's connection: all of it or nothing.
    const trx = tx.getTransactionContext();
    const conn = { execute: (query: Knex.QueryBuilder) => tx.getConnection().execute(query as never, [], 'all', trx) as Promise<any> };
    const [category] = await conn.execute(knex('category').select('id', 'name').where('code', input.category));
    if (!category) throw badInput('input.category', `Неизвестная рубрика: ${input.category}`);
    const previousFrom = new Date(input.from.getTime() - (input.to.getTime() - input.from.getTime()));
    const distance = knex.raw(DISTANCE_SQL, [input.latitude, input.latitude, input.longitude]);
    const appeals: { id: string; received_at: Date; organization_id: string | null; municipality_id: string | null }[] = await conn.execute(
      knex('appeal as a')
        .select('a.id', 'a.received_at', 'a.organization_id', 'a.municipality_id')
        .where('a.category_id', category.id)
        .whereNotNull('a.latitude')
        .where('a.received_at', '>=', previousFrom)
        .where('a.received_at', '<', input.to)
        .where(distance, '<=', input.radiusMeters),
    );
    const current = appeals.filter((a) => new Date(a.received_at) >= input.from);
    const id = crypto.randomUUID();
    await conn.execute(
      knex('problem').insert({
        id,
        title: input.title?.trim() || `${category.name}: радиус ${input.radiusMeters} м`,
        category_id: category.id,
        municipality_id: mostCommon(current.map((a) => a.municipality_id)),
        latitude: input.latitude,
        longitude: input.longitude,
        radius_meters: input.radiusMeters,
        window_from: input.from,
        window_to: input.to,
        appeal_count: current.length,
        previous_count: appeals.length - current.length,
        responsible_organization_id: mostCommon(current.map((a) => a.organization_id)),
      }),
    );
    if (current.length) await conn.execute(knex('problem_appeal').insert(current.map((a) => ({ problem_id: id, appeal_id: a.id }))));
    return id;
  });
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export async function updateProblem(em: EntityManager, id: string, input: UpdateProblemInput, now: Date): Promise<void> {
  const knex = em.getKnex();
  const changes: Record<string, unknown> = { updated_at: now };
  if (input.status) changes.status = input.status;
  if (input.decision != null) changes.decision = input.decision.trim() || null;
  if (input.title != null) {
    if (!input.title.trim()) throw badInput('input.title', 'Название не может быть пустым');
    changes.title = input.title.trim();
  }
  if (input.nationalProjectIndicator != null) {
    const code = input.nationalProjectIndicator.trim();
    if (code && !/^[\p{L}\p{N}._-]{1,64}$/u.test(code)) throw badInput('input.nationalProjectIndicator', 'Код показателя: буквы, цифры, точки, дефисы');
    changes.national_project_indicator = code || null;
  }
  if (input.responsibleOrganizationId) {
    const [org] = await em.getConnection().execute(knex('organization').select('id').where('id', input.responsibleOrganizationId));
    if (!org) throw badInput('input.responsibleOrganizationId', 'Организация не найдена');
    changes.responsible_organization_id = input.responsibleOrganizationId;
  }
  const updated = await em.getConnection().execute(knex('problem').update(changes).where('id', id).returning('id'));
  if (!updated.length) throw notFound('Проблема', id);
}

/** Problems the caller may see: sector roles by the category's sector, an operator by the responsible body. */
export function applyProblemScope(query: Knex.QueryBuilder, user: AuthUser): Knex.QueryBuilder {
  if ([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER].includes(user.role)) {
    return query.whereRaw(`p.category_id in (select c.id from category c join sector s on s.id = c.sector_id where s.code = any(?::text[]))`, [
      textArray(user.sectors),
    ]);
  }
  if (user.role === Role.ORG_OPERATOR) {
    if (!user.organizationId) return query.whereRaw('false');
    return query.whereRaw(`p.responsible_organization_id in (${SUBORDINATE_ORGANIZATIONS_SQL})`, [user.organizationId]);
  }
  return query;
}

export function applyProblemFilter(query: Knex.QueryBuilder, filter: ProblemFilter | null | undefined): Knex.QueryBuilder {
  if (!filter) return query;
  if (filter.status?.length) query.whereIn('p.status', filter.status);
  if (filter.sector?.length)
    query.whereRaw('p.category_id in (select c.id from category c join sector s on s.id = c.sector_id where s.code = any(?::text[]))', [
      textArray(filter.sector),
    ]);
  if (filter.category?.length) query.whereRaw('p.category_id in (select id from category where code = any(?::text[]))', [textArray(filter.category)]);
  if (filter.municipalityId?.length) query.whereIn('p.municipality_id', filter.municipalityId);
  if (filter.from) query.where('p.window_to', '>', filter.from);
  if (filter.to) query.where('p.window_from', '<', filter.to);
  if (filter.withIndicator != null) query.whereRaw(filter.withIndicator ? 'p.national_project_indicator is not null' : 'p.national_project_indicator is null');
  return query;
}

/** Problems, most appeals first. */
export async function listProblems(em: EntityManager, user: AuthUser, filter: ProblemFilter | null | undefined, args: PageArgs) {
  const knex = em.getKnex();
  const page = readPageArgs(args, ['number', 'uuid']);
  const base = () => applyProblemScope(applyProblemFilter(knex('problem as p'), filter), user);
  if (page.direction === 'backward') throw badInput('last', 'Проблемы читаются только вперёд (first/after)');
  const query = base().select('p.*');
  if (page.cursor) query.whereRaw('(p.appeal_count, p.id) < (?, ?)', page.cursor as [number, string]);
  query.orderByRaw('p.appeal_count desc, p.id desc').limit(page.limit + 1);
  const rows: Record<string, unknown>[] = await em.getConnection().execute(query);
  const problems = rows.map((row) => em.map(Problem, row));
  return toConnection(
    problems,
    page,
    (p) => [p.appealCount, p.id],
    async () => {
      const [{ count }] = await em.getConnection().execute(base().count({ count: '*' }));
      return Number(count);
    },
  );
}

export const CLOSED_PROBLEM_STATUSES = [ProblemStatus.RESOLVED, ProblemStatus.DISMISSED];
