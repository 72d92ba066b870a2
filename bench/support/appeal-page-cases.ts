import pg from 'pg';

/**
 * The appeals page under the filters and orders of the frontend's list
 * (issue 21: status, sector, body, municipality, date; by receipt or by due
 * date), one case per question, each asked the same way of the three servers
 * of `read.bench.ts`: the ЦУР API's `appeals(filter, orderBy)`, PostGraphile
 * 4's `allAppeals(filter, orderBy)` (with postgraphile-plugin-connection-filter,
 * the usual way to filter there) and the raw SQL server's query string.
 * The values (a sector, a body, a municipality, a month) are read from the
 * data set, so the cases work on the small generated set and on the 10-million one.
 */
export interface PageShape {
  status?: string[];
  sectorId?: string;
  sectorCode?: string;
  organizationId?: string;
  municipalityId?: string;
  /** received_at in [from, to) */
  from?: string;
  to?: string;
  /** by receipt, newest first; or by due date, soonest first (no due date last) */
  order: 'received' | 'due';
}

export interface PageCase {
  name: string;
  shape: PageShape;
}

export const OPEN_STATUSES = ['NEW', 'REGISTERED', 'ASSIGNED', 'IN_PROGRESS', 'ON_REVIEW', 'REDIRECTED', 'REOPENED'];

/** The most frequent value of a column among the newest appeals (cheap on any size: the received_at index). */
async function frequent(client: pg.Client, column: string, rank = 1): Promise<string> {
  const { rows } = await client.query(
    `select ${column} as value from (select ${column} from appeal order by received_at desc limit 20000) t
     where ${column} is not null group by 1 order by count(*) desc offset $1 limit 1`,
    [rank - 1],
  );
  if (!rows.length) throw new Error(`no appeals with ${column}: the data set is empty`);
  return rows[0].value;
}

/** Reads the cases' values from the database at `url`; BENCH_PAGES (comma-separated names) picks some. */
export async function pageCases(url: string, only = process.env.BENCH_PAGES): Promise<PageCase[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sectorId = await frequent(client, 'sector_id');
    const {
      rows: [{ code: sectorCode }],
    } = await client.query('select code from sector where id = $1', [sectorId]);
    const organizationId = await frequent(client, 'organization_id');
    // Not the capital (the first): a town, as most operators of a municipality see.
    const municipalityId = await frequent(client, 'municipality_id', 2);
    const {
      rows: [span],
    } = await client.query(`select min(received_at) as first, max(received_at) as last from appeal`);
    const first = span.first.getTime();
    const last = span.last.getTime();
    // A month a year back on the four years of the 10-million set (a quarter back, a week, on one year).
    const from = new Date(last - (last - first) / 4);
    const to = new Date(from.getTime() + (last - first) / 48);
    const wide = new Date(last - (last - first) * 0.375); // 1.5 years of 4
    const cases: PageCase[] = [
      { name: 'newest', shape: { order: 'received' } },
      { name: 'status', shape: { status: ['IN_PROGRESS'], order: 'received' } },
      { name: 'sector', shape: { sectorId, sectorCode, order: 'received' } },
      { name: 'body open by due date', shape: { organizationId, status: OPEN_STATUSES, order: 'due' } },
      { name: 'municipality', shape: { municipalityId, order: 'received' } },
      { name: 'a month a year back', shape: { from: from.toISOString(), to: to.toISOString(), order: 'received' } },
      { name: 'open by due date', shape: { status: OPEN_STATUSES, order: 'due' } },
      {
        name: 'municipality + sector + status + period',
        shape: { municipalityId, sectorId, sectorCode, status: ['CLOSED'], from: wide.toISOString(), order: 'received' },
      },
    ];
    const names = only ? only.split(',').map((n) => n.trim()) : null;
    const picked = names ? cases.filter((c) => names.includes(c.name)) : cases;
    if (!picked.length) throw new Error(`BENCH_PAGES names none of: ${cases.map((c) => c.name).join(', ')}`);
    return picked;
  } finally {
    await client.end();
  }
}

const NODE_FIELDS = `id number status channel summary receivedAt dueAt`;

export const API_PAGE_QUERY = `query AppealsPage($filter: AppealFilter, $orderBy: AppealOrder) {
  appeals(first: 50, filter: $filter, orderBy: $orderBy) {
    edges { cursor node {
      ${NODE_FIELDS}
      organization { id shortName }
      municipality { id name }
      sector { code name }
      category { code name }
      deadline { state dueAt remainingHours }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The same page in PostGraphile's generated schema; the deadline state is left to the client there. */
export const POSTGRAPHILE_PAGE_QUERY = `query AppealsPage($filter: AppealFilter, $orderBy: [AppealsOrderBy!]) {
  allAppeals(first: 50, filter: $filter, orderBy: $orderBy) {
    edges { cursor node {
      ${NODE_FIELDS} answeredAt pausedAt
      organizationByOrganizationId { id shortName }
      municipalityByMunicipalityId { id name }
      sectorBySectorId { code name }
      categoryByCategoryId { code name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export function apiVariables(shape: PageShape): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (shape.status) filter.status = shape.status;
  if (shape.sectorCode) filter.sector = [shape.sectorCode];
  if (shape.organizationId) filter.organizationId = [shape.organizationId];
  if (shape.municipalityId) filter.municipalityId = [shape.municipalityId];
  if (shape.from) filter.from = shape.from;
  if (shape.to) filter.to = shape.to;
  const orderBy = shape.order === 'due' ? { field: 'DUE_AT', direction: 'ASC' } : { field: 'RECEIVED_AT', direction: 'DESC' };
  return { filter, orderBy };
}

export function postgraphileVariables(shape: PageShape): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (shape.status) filter.status = { in: shape.status };
  if (shape.sectorId) filter.sectorId = { equalTo: shape.sectorId };
  if (shape.organizationId) filter.organizationId = { equalTo: shape.organizationId };
  if (shape.municipalityId) filter.municipalityId = { equalTo: shape.municipalityId };
  if (shape.from || shape.to) {
    filter.receivedAt = { ...(shape.from && { greaterThanOrEqualTo: shape.from }), ...(shape.to && { lessThan: shape.to }) };
  }
  const orderBy = shape.order === 'due' ? ['DUE_AT_ASC', 'ID_ASC'] : ['RECEIVED_AT_DESC', 'ID_DESC'];
  return { filter: Object.keys(filter).length ? filter : undefined, orderBy };
}

/** The raw SQL server's query string for a shape (see `appealsPageStatement`). */
export function rawQueryString(shape: PageShape): string {
  const params = new URLSearchParams({ order: shape.order });
  if (shape.status) params.set('status', shape.status.join(','));
  if (shape.sectorId) params.set('sector', shape.sectorId);
  if (shape.organizationId) params.set('organization', shape.organizationId);
  if (shape.municipalityId) params.set('municipality', shape.municipalityId);
  if (shape.from) params.set('from', shape.from);
  if (shape.to) params.set('to', shape.to);
  return params.toString();
}

/**
 * What a hand-written endpoint sends for the page: one statement with the
 * joins, the conditions of the query string as parameters, a prepared
 * statement per combination.
 */
export function appealsPageStatement(params: URLSearchParams): { name: string; text: string; values: unknown[] } {
  const values: unknown[] = [51];
  const where: string[] = [];
  const add = (condition: (n: string) => string, value: unknown) => {
    values.push(value);
    where.push(condition(`$${values.length}`));
  };
  const status = params.get('status');
  if (status) add((n) => `a.status = any(${n}::appeal_status[])`, status.split(','));
  if (params.get('sector')) add((n) => `a.sector_id = ${n}`, params.get('sector'));
  if (params.get('organization')) add((n) => `a.organization_id = ${n}`, params.get('organization'));
  if (params.get('municipality')) add((n) => `a.municipality_id = ${n}`, params.get('municipality'));
  if (params.get('from')) add((n) => `a.received_at >= ${n}`, params.get('from'));
  if (params.get('to')) add((n) => `a.received_at < ${n}`, params.get('to'));
  const order = params.get('order') === 'due' ? 'a.due_at asc, a.id asc' : 'a.received_at desc, a.id desc';
  const text = `
select a.id, a.number, a.status, a.channel, a.summary, a.received_at, a.due_at, a.answered_at, a.paused_at,
       o.id as organization_id, o.short_name as organization_short_name,
       m.id as municipality_id, m.name as municipality_name,
       s.code as sector_code, s.name as sector_name,
       c.code as category_code, c.name as category_name
  from appeal a
  left join organization o on o.id = a.organization_id
  left join municipality m on m.id = a.municipality_id
  left join sector s on s.id = a.sector_id
  left join category c on c.id = a.category_id
 ${where.length ? `where ${where.join(' and ')}` : ''}
 order by ${order}
 limit $1`;
  const name = `appeals-page:${[...params.keys()].sort().join(',')}:${params.get('order')}`;
  return { name, text, values };
}
