import type { EntityManager } from '@mikro-orm/postgresql';
import { and, query, queryOne, raw, sql, type Sql } from '../db/sql.js';
import { entityView } from '../db/entity-view.js';
import { appealScope } from '../auth/appeal-scope.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Appeal } from '../entities/appeal.entity.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';
import { badInput } from '../errors/errors.js';
import { Announcement } from './announcement.entity.js';
import type { AnnouncementFilter } from './announcement.input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter's conditions over `announcement n`. */
function filterSql(filter: AnnouncementFilter | null | undefined): Sql {
  const parts: Sql[] = [];
  if (filter?.status?.length) parts.push(sql`n.status::text = any(${[...filter.status]}::text[])`);
  if (filter?.kind?.length) parts.push(sql`n.kind::text = any(${[...filter.kind]}::text[])`);
  if (filter?.organizationId) {
    if (!UUID.test(filter.organizationId)) throw badInput('filter.organizationId', 'Некорректный идентификатор');
    parts.push(sql`n.organization_id = ${filter.organizationId}::uuid`);
  }
  if (filter?.municipalityId) {
    if (!UUID.test(filter.municipalityId)) throw badInput('filter.municipalityId', 'Некорректный идентификатор');
    parts.push(sql`(jsonb_array_length(n.audience->'municipalityIds') = 0 or n.audience->'municipalityIds' ? ${filter.municipalityId})`);
  }
  if (filter?.activeAt) {
    const at = filter.activeAt;
    parts.push(sql`n.status = 'PUBLISHED' and n.valid_from <= ${at} and (n.valid_to is null or n.valid_to > ${at})`);
  }
  return and(parts);
}

/** A keyset cursor `[at, id]` of the client, checked before it reaches SQL. */
function keysetCursor(cursor: unknown[], field: string): [string, string] {
  const [at, id] = cursor as [unknown, unknown];
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id)) {
    throw badInput(field, 'Некорректный курсор страницы');
  }
  return [at, id];
}

/** A page of announcements, newest first. */
export async function listAnnouncements(em: EntityManager, args: PageArgs & { filter?: AnnouncementFilter | null }): Promise<Connection<Announcement>> {
  const page = readPageArgs(args, 2);
  const where = filterSql(args.filter);
  const forward = page.direction === 'forward';
  const dir = raw(forward ? 'desc' : 'asc');
  let after = sql`true`;
  if (page.cursor) {
    const [at, id] = keysetCursor(page.cursor, forward ? 'after' : 'before');
    after = sql`(n.created_at, n.id) ${raw(forward ? '<' : '>')} (${at}::timestamptz, ${id}::uuid)`;
  }
  const rows = await query(
    em,
    sql`select n.* from announcement n where ${where} and ${after} order by n.created_at ${dir}, n.id ${dir} limit ${page.limit + 1}`,
  );
  const toEntity = entityView(em, Announcement);
  return toConnection(
    rows.map((row) => toEntity(row)),
    page,
    (a) => [a.createdAt.toISOString(), a.id],
    async () => (await queryOne<{ count: number }>(em, sql`select count(*)::int as count from announcement n where ${where}`))!.count,
  );
}

/** PUBLISHED announcements valid at `at` for a municipality (or the whole region): the public list, most urgent first. */
export async function publicAnnouncementRows(em: EntityManager, municipalityId: string | null, at: Date): Promise<Announcement[]> {
  const rows = await query(
    em,
    sql`select n.* from announcement n where ${filterSql({ municipalityId, activeAt: at })}
    order by array_position(array['EMERGENCY','OUTAGE','WORKS','INFO']::text[], n.kind::text), n.valid_from desc, n.id limit 100`,
  );
  const toEntity = entityView(em, Announcement);
  return rows.map((row) => toEntity(row));
}

/** The appeals an announcement answered at intake, newest match first, within what the caller may see. */
export async function matchedAppeals(em: EntityManager, user: AuthUser, announcementId: string, args: PageArgs): Promise<Connection<Appeal>> {
  const page = readPageArgs(args, 2);
  const forward = page.direction === 'forward';
  const dir = raw(forward ? 'desc' : 'asc');
  const from = sql`appeal a join appeal_announcement m on m.appeal_id = a.id
    where m.announcement_id = ${announcementId}::uuid and ${appealScope(user)}`;
  let after = sql`true`;
  if (page.cursor) {
    const [at, id] = keysetCursor(page.cursor, 'after');
    after = sql`(m.matched_at, a.id) ${raw(forward ? '<' : '>')} (${at}::timestamptz, ${id}::uuid)`;
  }
  const rows = await query(
    em,
    sql`select a.*, m.matched_at as __matched_at from ${from} and ${after} order by m.matched_at ${dir}, a.id ${dir} limit ${page.limit + 1}`,
  );
  const matchedAt = new Map<string, string>();
  const toAppeal = entityView(em, Appeal);
  const appeals = rows.map(({ __matched_at, ...row }) => {
    matchedAt.set(row.id as string, new Date(__matched_at as string).toISOString());
    return toAppeal(row);
  });
  return toConnection(
    appeals,
    page,
    (a) => [matchedAt.get(a.id), a.id],
    async () => (await queryOne<{ count: number }>(em, sql`select count(*)::int as count from ${from}`))!.count,
  );
}
