import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery, pgQueryOf } from '../db/pg-query.js';
import { entityView } from '../db/entity-view.js';
import { applyAppealScope } from '../auth/appeal-scope.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Appeal } from '../entities/appeal.entity.js';
import { readPageArgs, toConnection, type Connection, type PageArgs } from '../graphql/pagination.js';
import { badInput } from '../errors/errors.js';
import { Announcement } from './announcement.entity.js';
import type { AnnouncementFilter } from './announcement.input.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filter's conditions over `announcement n` ($1.. parameters). */
function filterSql(filter: AnnouncementFilter | null | undefined): { sql: string; values: unknown[] } {
  const parts: string[] = ['true'];
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter?.status?.length) parts.push(`n.status::text = any(${param(filter.status)}::text[])`);
  if (filter?.kind?.length) parts.push(`n.kind::text = any(${param(filter.kind)}::text[])`);
  if (filter?.organizationId) {
    if (!UUID.test(filter.organizationId)) throw badInput('filter.organizationId', 'Некорректный идентификатор');
    parts.push(`n.organization_id = ${param(filter.organizationId)}::uuid`);
  }
  if (filter?.municipalityId) {
    if (!UUID.test(filter.municipalityId)) throw badInput('filter.municipalityId', 'Некорректный идентификатор');
    const p = param(filter.municipalityId);
    parts.push(`(jsonb_array_length(n.audience->'municipalityIds') = 0 or n.audience->'municipalityIds' ? ${p})`);
  }
  if (filter?.activeAt) {
    const p = param(filter.activeAt);
    parts.push(`n.status = 'PUBLISHED' and n.valid_from <= ${p} and (n.valid_to is null or n.valid_to > ${p})`);
  }
  return { sql: parts.join(' and '), values };
}

/** A page of announcements, newest first. */
export async function listAnnouncements(em: EntityManager, args: PageArgs & { filter?: AnnouncementFilter | null }): Promise<Connection<Announcement>> {
  const page = readPageArgs(args, 2);
  const where = filterSql(args.filter);
  const values = [...where.values];
  let cursorSql = '';
  const dir = page.direction === 'forward' ? 'desc' : 'asc';
  if (page.cursor) {
    const [at, id] = page.cursor as [string, string];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id))
      throw badInput(page.direction === 'forward' ? 'after' : 'before', 'Некорректный курсор страницы');
    values.push(at, id);
    cursorSql = ` and (n.created_at, n.id) ${page.direction === 'forward' ? '<' : '>'} ($${values.length - 1}::timestamptz, $${values.length}::uuid)`;
  }
  values.push(page.limit + 1);
  const rows = await pgQuery<Record<string, unknown>>(
    em,
    `select n.* from announcement n where ${where.sql}${cursorSql}
    order by n.created_at ${dir}, n.id ${dir} limit $${values.length}`,
    values,
  );
  const toEntity = entityView(em, Announcement);
  const list = rows.map((row) => toEntity(row));
  return toConnection(
    list,
    page,
    (a) => [a.createdAt.toISOString(), a.id],
    async () => {
      const [row] = await pgQuery<{ count: number }>(em, `select count(*)::int as count from announcement n where ${where.sql}`, where.values);
      return row!.count;
    },
  );
}

/** PUBLISHED announcements valid at `at` for a municipality (or the whole region): the public list, most urgent first. */
export async function publicAnnouncementRows(em: EntityManager, municipalityId: string | null, at: Date): Promise<Announcement[]> {
  const where = filterSql({ municipalityId, activeAt: at });
  const rows = await pgQuery<Record<string, unknown>>(
    em,
    `select n.* from announcement n where ${where.sql}
    order by array_position(array['EMERGENCY','OUTAGE','WORKS','INFO']::text[], n.kind::text), n.valid_from desc, n.id limit 100`,
    where.values,
  );
  const toEntity = entityView(em, Announcement);
  return rows.map((row) => toEntity(row));
}

/** The appeals an announcement answered at intake, newest match first, within what the caller may see. */
export async function matchedAppeals(em: EntityManager, user: AuthUser, announcementId: string, args: PageArgs): Promise<Connection<Appeal>> {
  const page = readPageArgs(args, 2);
  const knex = em.getKnex();
  const base = () =>
    applyAppealScope(knex('appeal as a').join('appeal_announcement as m', 'm.appeal_id', 'a.id').where('m.announcement_id', announcementId), user);
  const query = base().select('a.*', 'm.matched_at as __matched_at');
  const dir = page.direction === 'forward' ? 'desc' : 'asc';
  if (page.cursor) {
    const [at, id] = page.cursor as [string, string];
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !UUID.test(id))
      throw badInput('after', 'Некорректный курсор страницы');
    query.whereRaw(`(m.matched_at, a.id) ${page.direction === 'forward' ? '<' : '>'} (?::timestamptz, ?::uuid)`, [at, id]);
  }
  query.orderByRaw(`m.matched_at ${dir}, a.id ${dir}`).limit(page.limit + 1);
  const rows = await pgQueryOf<Record<string, unknown>>(em, query);
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
    async () => {
      const [row] = await pgQueryOf<{ count: string }>(em, base().count({ count: '*' }));
      return Number(row!.count);
    },
  );
}
