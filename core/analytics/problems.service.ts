import type { EntityManager } from '@mikro-orm/postgresql';
import { and, bulk, join, query, queryOne, raw, sql, type Sql } from '../db/sql.js';
import { inList } from './measures/appeal-conditions.js';
import { Role } from '../entities/enums.js';
import { Problem, ProblemStatus } from '../entities/problem.entity.js';
import { subordinateOrganizations } from '../auth/appeal-scope.js';
import type { AuthUser } from '../auth/auth-user.js';
import { badInput, notFound } from '../errors/errors.js';
import { readPageArgs, toConnection, type PageArgs } from '../graphql/pagination.js';
import { ProblemTrend, type CreateProblemInput, type ProblemFilter, type UpdateProblemInput } from './problems.types.js';

/**
 * The street of an address: lower case, without the house, flat or building
 * («Луговой, ул. Ленина, д. 5, кв. 3» → «луговой, ул. ленина»), so that
 * appeals about neighbouring houses of one street fall into one cluster.
 */
const HOUSE_PART = `'\\s*,{0,1}\\s*(д\\.|дом|кв\\.|корп|стр\\.|строение).*$'`;
// One case-sensitive regexp on the lower-cased text: a report runs it over every appeal of two months.
export const STREET_SQL = `nullif(trim(regexp_replace(lower(a.address), ${HOUSE_PART}, '')), '')`;
/** The same cut in JS, for labels taken from one address of a cluster. */
export const streetOf = (address: string) => address.replace(/\s*,?\s*(д\.|дом|кв\.|корп|стр\.|строение).*$/i, '').trim();
/** The street as people wrote it (the most frequent spelling in the cluster), for titles. */
export const STREET_LABEL_SQL = `mode() within group (order by trim(regexp_replace(regexp_replace(a.address, ${HOUSE_PART}, '', 'i'), '\\s+', ' ', 'g')))`;

/** Great-circle distance in metres from a point to the appeal. */
const distanceFrom = (latitude: number, longitude: number) =>
  sql`6371000 * 2 * asin(sqrt(power(sin(radians(a.latitude - ${latitude}) / 2), 2) + cos(radians(${latitude})) * cos(radians(a.latitude)) * power(sin(radians(a.longitude - ${longitude}) / 2), 2)))`;

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
  // The street's expressions are constants of this module.
  const [street, streetLabel] = [raw(STREET_SQL), raw(STREET_LABEL_SQL)];
  const rows = await query<{ id: string }>(
    em,
    sql`
  with clusters as (
    select a.category_id, a.municipality_id, ${street} as street,
      count(*) filter (where a.received_at >= ${from})::int as n,
      count(*) filter (where a.received_at < ${from})::int as previous,
      array_agg(a.id) filter (where a.received_at >= ${from}) as ids,
      mode() within group (order by a.organization_id) filter (where a.received_at >= ${from}) as organization_id,
      ${streetLabel} as street_label
    from appeal a
    where a.received_at >= ${previousFrom} and a.received_at < ${to} and a.category_id is not null and a.address is not null
    group by 1, 2, 3
    having count(*) filter (where a.received_at >= ${from}) >= ${minCount}
  ), upserted as (
    insert into problem (id, key, title, category_id, municipality_id, address, window_from, window_to, appeal_count, previous_count,
                         responsible_organization_id, status, created_at, updated_at)
    select gen_random_uuid(), concat_ws('|', c.category_id, c.municipality_id, c.street), cat.name || ': ' || c.street_label,
           c.category_id, c.municipality_id, c.street_label, ${from}, ${to}, c.n, c.previous, c.organization_id, 'NEW', now(), now()
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
  select id from upserted`,
  );
  return rows.map((r) => r.id);
}

/** A problem drawn by hand: a category within a radius of a point (appeals with a location). */
export async function createRadiusProblem(em: EntityManager, input: CreateProblemInput): Promise<string> {
  if (input.from >= input.to) throw badInput('input.to', 'Конец периода должен быть позже начала');
  if (input.radiusMeters <= 0 || input.radiusMeters > 50_000) throw badInput('input.radiusMeters', 'Радиус от 1 м до 50 км');
  if (Math.abs(input.latitude) > 90 || Math.abs(input.longitude) > 180) throw badInput('input.latitude', 'Некорректные координаты');
  return em.transactional(async (tx) => {
    // Every statement on the transaction's connection: all of it or nothing.
    const category = await queryOne<{ id: string; name: string }>(tx, sql`select id, name from category where code = ${input.category}`);
    if (!category) throw badInput('input.category', `Неизвестная рубрика: ${input.category}`);
    const previousFrom = new Date(input.from.getTime() - (input.to.getTime() - input.from.getTime()));
    const appeals = await query<{ id: string; received_at: Date; organization_id: string | null; municipality_id: string | null }>(
      tx,
      sql`select a.id, a.received_at, a.organization_id, a.municipality_id from appeal as a
        where a.category_id = ${category.id} and a.latitude is not null and a.received_at >= ${previousFrom} and a.received_at < ${input.to}
          and ${distanceFrom(input.latitude, input.longitude)} <= ${input.radiusMeters}`,
    );
    const current = appeals.filter((a) => new Date(a.received_at) >= input.from);
    const id = crypto.randomUUID();
    await query(
      tx,
      sql`insert into problem (id, title, category_id, municipality_id, latitude, longitude, radius_meters, window_from, window_to,
          appeal_count, previous_count, responsible_organization_id)
        values (${id}, ${input.title?.trim() || `${category.name}: радиус ${input.radiusMeters} м`}, ${category.id},
          ${mostCommon(current.map((a) => a.municipality_id))}, ${input.latitude}, ${input.longitude}, ${input.radiusMeters}, ${input.from}, ${input.to},
          ${current.length}, ${appeals.length - current.length}, ${mostCommon(current.map((a) => a.organization_id))})`,
    );
    if (current.length) {
      await query(tx, sql`insert into problem_appeal (problem_id, appeal_id) values ${bulk(current.map((a) => [id, a.id]))}`);
    }
    return id;
  });
}

function mostCommon(values: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export async function updateProblem(em: EntityManager, id: string, input: UpdateProblemInput, now: Date): Promise<void> {
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
    const org = await queryOne(em, sql`select id from organization where id = ${input.responsibleOrganizationId}`);
    if (!org) throw badInput('input.responsibleOrganizationId', 'Организация не найдена');
    changes.responsible_organization_id = input.responsibleOrganizationId;
  }
  // The column names are this function's own keys above.
  const set = join(Object.entries(changes).map(([column, value]) => sql`${raw(column)} = ${value}`));
  const updated = await query(em, sql`update problem set ${set} where id = ${id} returning id`);
  if (!updated.length) throw notFound('Проблема', id);
}

/** Problems the caller may see, over `problem as p`: sector roles by the category's sector, an operator by the responsible body. */
export function problemScopeSql(user: AuthUser): Sql[] {
  if ([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER].includes(user.role)) {
    return [sql`p.category_id in (select c.id from category c join sector s on s.id = c.sector_id where s.code = any(${user.sectors}::text[]))`];
  }
  if (user.role === Role.ORG_OPERATOR) {
    if (!user.organizationId) return [sql`false`];
    return [sql`p.responsible_organization_id in (${subordinateOrganizations(user.organizationId)})`];
  }
  return [];
}

export function problemFilterSql(filter: ProblemFilter | null | undefined): Sql[] {
  if (!filter) return [];
  const out: Sql[] = [];
  if (filter.status?.length) out.push(sql`p.status in (${inList(filter.status)})`);
  if (filter.sector?.length) {
    out.push(sql`p.category_id in (select c.id from category c join sector s on s.id = c.sector_id where s.code = any(${filter.sector}::text[]))`);
  }
  if (filter.category?.length) out.push(sql`p.category_id in (select id from category where code = any(${filter.category}::text[]))`);
  if (filter.municipalityId?.length) out.push(sql`p.municipality_id in (${inList(filter.municipalityId)})`);
  if (filter.from) out.push(sql`p.window_to > ${filter.from}`);
  if (filter.to) out.push(sql`p.window_from < ${filter.to}`);
  if (filter.withIndicator != null) out.push(filter.withIndicator ? sql`p.national_project_indicator is not null` : sql`p.national_project_indicator is null`);
  return out;
}

/** Problems, most appeals first. */
export async function listProblems(em: EntityManager, user: AuthUser, filter: ProblemFilter | null | undefined, args: PageArgs) {
  const page = readPageArgs(args, ['number', 'uuid']);
  const conditions = [...problemFilterSql(filter), ...problemScopeSql(user)];
  if (page.direction === 'backward') throw badInput('last', 'Проблемы читаются только вперёд (first/after)');
  const after = page.cursor ? [sql`(p.appeal_count, p.id) < (${page.cursor[0]}, ${page.cursor[1]})`] : [];
  const rows = await query(
    em,
    sql`select p.* from problem as p where ${and([...conditions, ...after])} order by p.appeal_count desc, p.id desc limit ${page.limit + 1}`,
  );
  const problems = rows.map((row) => em.map(Problem, row));
  return toConnection(
    problems,
    page,
    (p) => [p.appealCount, p.id],
    async () => {
      const row = await queryOne<{ count: string }>(em, sql`select count(*) as count from problem as p where ${and(conditions)}`);
      return Number(row!.count);
    },
  );
}

export const CLOSED_PROBLEM_STATUSES = [ProblemStatus.RESOLVED, ProblemStatus.DISMISSED];
