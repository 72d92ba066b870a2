import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '../auth/auth-user.js';
import { appealScope } from '../auth/appeal-scope.js';
import { personalTextFor } from '../auth/personal-data.js';
import { AppealStatus, Role } from '../entities/enums.js';
import { and, query, raw, sql, type Sql } from '../db/sql.js';
import { Open311Error } from './open311-format.js';

/** GeoReport v2 has two statuses: the body owes nothing more once it answered, or the appeal was closed or rejected. */
const CLOSED: readonly AppealStatus[] = [AppealStatus.ANSWERED, AppealStatus.CLOSED, AppealStatus.REJECTED];

const STATUS_NOTES: Record<AppealStatus, string> = {
  NEW: 'Поступило, ожидает регистрации',
  REGISTERED: 'Зарегистрировано',
  ASSIGNED: 'Передано ответственному органу',
  IN_PROGRESS: 'В работе',
  ON_REVIEW: 'Ответ подготовлен, проверяется ЦУР',
  REDIRECTED: 'Перенаправлено по компетенции',
  REOPENED: 'Рассмотрение возобновлено',
  ANSWERED: 'Дан ответ',
  CLOSED: 'Закрыто',
  REJECTED: 'Отклонено',
};

/** Spec: with no dates, the last 90 days; the server caps the count (1000 here). */
const DEFAULT_WINDOW_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface RequestFilters {
  serviceRequestIds?: string[];
  serviceCodes?: string[];
  startDate?: Date;
  endDate?: Date;
  statuses?: ('open' | 'closed')[];
}

/**
 * What a caller may follow: the ЦУР's staff and the bodies see what the
 * appeal scope gives them; a channel's account (INTEGRATION) sees the
 * requests it filed itself (its channel records), nothing else; an
 * anonymous reader (GeoReport v2 public list) sees requests of the
 * published services only (`services.json`).
 */
function scope(user: AuthUser | null, publicServices: readonly string[]): Sql {
  if (!user) return sql`c.code = any(${[...publicServices]}::text[])`;
  if (user.role === Role.INTEGRATION) {
    return sql`a.id in (select appeal_id from channel_record where submitted_by_id = ${user.id} and appeal_id is not null)`;
  }
  return appealScope(user);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Appeals as GeoReport v2 service requests; one statement. Texts (the
 * description, the address, a status reason) pass through the masking of
 * personal data in free text for callers without access to it, anonymous
 * readers included; the author's own fields are never part of a request.
 */
export async function findRequests(
  em: EntityManager,
  user: AuthUser | null,
  filters: RequestFilters,
  now: Date,
  publicServices: readonly string[],
  timeZone: string,
): Promise<Open311Request[]> {
  const conditions = [scope(user, publicServices)];
  if (filters.serviceRequestIds?.length) {
    const ids = filters.serviceRequestIds.filter((id) => UUID.test(id));
    const byNumber = sql`a.number = any(${filters.serviceRequestIds}::text[])`;
    conditions.push(ids.length ? sql`(${byNumber} or a.id = any(${ids}::uuid[]))` : byNumber);
  } else {
    const start = filters.startDate ?? new Date((filters.endDate ?? now).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
    conditions.push(sql`a.received_at >= ${start}`);
    if (filters.endDate) conditions.push(sql`a.received_at <= ${filters.endDate}`);
  }
  if (filters.serviceCodes?.length) conditions.push(sql`c.code = any(${filters.serviceCodes}::text[])`);
  if (filters.statuses?.length === 1) {
    const closed = filters.statuses[0] === 'closed';
    conditions.push(sql`a.status::text ${raw(closed ? '' : 'not ')}in (select unnest(${[...CLOSED]}::text[]))`);
  }
  const rows = await query<Record<string, any>>(
    em,
    sql`select a.id, a.number, a.status, a.text, a.address, a.latitude, a.longitude, a.received_at, a.updated_at, a.due_at,
        c.code as category_code, c.name as category_name, o.name as organization_name,
        (select e.reason from appeal_event e where e.appeal_id = a.id and e.to_status = a.status order by e.at desc limit 1) as status_reason,
        (select r.text from appeal_response r where r.appeal_id = a.id and r.review_decision = 'ACCEPT' order by r.reviewed_at desc limit 1) as answer_text,
        (select r.raw->>'media_url' from channel_record r where r.appeal_id = a.id and r.adapter = 'open311' and r.raw->>'media_url' is not null limit 1) as media_url
      from appeal as a left join category as c on c.id = a.category_id left join organization as o on o.id = a.organization_id
      where ${and(conditions)}
      order by a.received_at desc, a.id desc limit ${MAX_REQUESTS}`,
  );
  return rows.map((row) => ({
    service_request_id: row.number,
    status: CLOSED.includes(row.status) ? 'closed' : 'open',
    status_notes: statusNotes(user, row),
    service_name: row.category_name ?? null,
    service_code: row.category_code ?? null,
    description: personalTextFor(user, row.text) ?? '',
    agency_responsible: row.organization_name ?? null,
    service_notice: serviceNotice(row.due_at ? new Date(row.due_at) : null, timeZone),
    requested_datetime: new Date(row.received_at).toISOString(),
    updated_datetime: new Date(row.updated_at).toISOString(),
    expected_datetime: row.due_at ? new Date(row.due_at).toISOString() : null,
    address: personalTextFor(user, row.address),
    address_id: null,
    zipcode: null,
    lat: row.latitude ?? null,
    long: row.longitude ?? null,
    media_url: row.media_url ?? null,
  }));
}

/**
 * What the body did, in words: the accepted answer itself once there is one
 * (what a resident following the request waits for), else the status and
 * the reason given for it. Texts pass through the masking of personal data.
 */
function statusNotes(user: AuthUser | null, row: Record<string, any>): string {
  const label = STATUS_NOTES[row.status as AppealStatus];
  if (row.answer_text && CLOSED.includes(row.status)) return `${label}: ${personalTextFor(user, row.answer_text)}`;
  return row.status_reason ? `${label}: ${personalTextFor(user, row.status_reason)}` : label;
}

/**
 * GeoReport v2 `service_notice`: what to expect. The same text on the answer
 * to `POST requests` and on every read of the request: when the answer is due.
 */
export function serviceNotice(dueAt: Date | null, timeZone: string): string {
  if (!dueAt) return 'Срок ответа будет назначен при регистрации';
  const at = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
    dueAt,
  );
  return `Ответ ожидается до ${at}`;
}

/** Query parameters of `GET requests.json`, checked; a bad one is a 400 in the spec's format. */
export function readFilters(query: Record<string, unknown>): RequestFilters {
  const list = (name: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new Open311Error(400, `${name}: ожидается список через запятую`);
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  };
  const date = (name: string) => {
    const value = query[name];
    if (value === undefined || value === '') return undefined;
    const parsed = typeof value === 'string' ? new Date(value) : new Date(NaN);
    if (Number.isNaN(parsed.getTime())) throw new Open311Error(400, `${name}: ожидается дата и время W3C (ISO 8601)`);
    return parsed;
  };
  const statuses = list('status');
  for (const status of statuses ?? []) {
    if (status !== 'open' && status !== 'closed') throw new Open311Error(400, `status: open или closed, получено «${status}»`);
  }
  return {
    serviceRequestIds: list('service_request_id'),
    serviceCodes: list('service_code'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    statuses: statuses as ('open' | 'closed')[] | undefined,
  };
}
