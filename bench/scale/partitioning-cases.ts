import pg from 'pg';
import { OPEN_STATUSES } from '../../core/entities/enums.js';
import {
  ANSWERED_SQL,
  METRICS,
  ON_TIME_SQL,
  RESPONSE_HOURS_SQL,
  RETURNED_SQL,
  metricSql,
  overdueSql,
  timestampLiteral,
} from '../../core/analytics/measures/metrics.js';
import { PARTIAL_COLUMNS, RAW_HOURS_SQL, RAW_MEDIAN_SQL, rawPartialsSql, GRAIN_FULL } from '../../core/analytics/rollup/rollup.sql.js';
import { appealsPageStatement, pageCases, rawQueryString } from '../support/appeal-page-cases.js';

/**
 * The statements bench/scale/partitioning.bench.ts times on the plain tables
 * and on the partitioned copy: the same text on both, run with
 * `search_path = <copy>, public` on the copy's side, so `appeal` and
 * `appeal_event` name the partitioned tables there and everything else
 * (reference tables, deadline_alert, appeal_announcement) stays shared.
 * Only the bulk insert differs: the copy's events carry `appeal_received_at`.
 */
export type Side = 'plain' | 'part';

export interface BenchCase {
  group: string;
  name: string;
  /** How many units one run does (lookups of 20 ids: the median is divided by it). */
  per?: number;
  /** Runs in a transaction rolled back; fewer runs (BENCH_WRITE_RUNS). */
  write?: boolean;
  /** The statement EXPLAIN (ANALYZE, BUFFERS) shows (a read; with its values). */
  explain?: { text: string; values: unknown[] };
  /**
   * Named prepared statements under plan_cache_mode = force_generic_plan (on
   * both sides): planned once, the partitions pruned at execution, as a
   * partitioned schema would want its hot statements.
   */
  generic?: boolean;
  run(client: pg.Client, side: Side): Promise<void>;
}

const sqlCase = (group: string, name: string, text: string, values: unknown[] = [], explain = true): BenchCase => ({
  group,
  name,
  explain: explain ? { text, values } : undefined,
  run: async (client) => {
    await client.query(text, values);
  },
});

export interface CaseContext {
  /** The plain side's database (the page cases read their values from it). */
  url: string;
  now: Date;
  zone: string;
  /** A local month of the last year (`YYYY-MM-01 00:00:00`) and the year before `now`. */
  month: string;
  ids: SampledAppeal[];
}

const tz = (zone: string) => `'${zone.replace(/'/g, "''")}'`;

export async function benchCases(ctx: CaseContext): Promise<BenchCase[]> {
  const cases: BenchCase[] = [];
  // The appeals page: the raw SQL of bench/support/appeal-page-cases.ts (what read.bench.ts's raw server sends).
  for (const page of await pageCases(ctx.url)) {
    const { text, values } = appealsPageStatement(new URLSearchParams(rawQueryString(page.shape)));
    cases.push(sqlCase('page', page.name, text, values));
    if (process.env.BENCH_GENERIC !== '0') {
      cases.push({
        group: 'page, generic plan',
        name: page.name,
        generic: true,
        run: async (client) => {
          await client.query({ name: `page-${page.name}`, text, values });
        },
      });
    }
  }

  // Lookups by id: the appeal and its history; the local month of receipt known (its bounds) or not.
  const lookup = (name: string, text: (withMonth: boolean) => string, withMonth: boolean, upper = true): BenchCase => {
    const values = (x: SampledAppeal) => (withMonth ? (upper ? [x.id, x.monthFrom, x.monthTo] : [x.id, x.monthFrom]) : [x.id]);
    return {
      group: 'by id',
      name,
      per: ctx.ids.length,
      explain: { text: text(withMonth), values: values(ctx.ids[0]) },
      run: async (client) => {
        for (const x of ctx.ids) await client.query(text(withMonth), values(x));
      },
    };
  };
  const appealById = (m: boolean) => `select * from appeal a where a.id = $1${m ? ' and a.received_at >= $2 and a.received_at < $3' : ''}`;
  const historyById = (m: boolean) => `select * from appeal_event e where e.appeal_id = $1${m ? ' and e.at >= $2' : ''} order by e.at, e.seq`;
  cases.push(lookup('appeal(id)', appealById, false));
  cases.push({
    group: 'by id, generic plan',
    name: 'appeal(id)',
    per: ctx.ids.length,
    generic: true,
    run: async (client) => {
      for (const x of ctx.ids) await client.query({ name: 'appeal-by-id', text: appealById(false), values: [x.id] });
    },
  });
  cases.push(lookup('appeal(id), month known', appealById, true));
  cases.push(lookup('history(id)', historyById, false));
  cases.push(lookup('history(id), month known (at >= month)', historyById, true, false));

  // Analytics from `appeal`: a month's stats (every metric, by body), the rollup's month rebuild, ratings inputs.
  const zone = tz(ctx.zone);
  const monthFrom = `${lit(ctx.month)}::timestamp at time zone ${zone}`;
  const monthTo = `(${lit(ctx.month)}::timestamp + interval '1 month') at time zone ${zone}`;
  const env = { now: ctx.now, negativeMax: 2 };
  const statsColumns = METRICS.map((m) => `${metricSql(m, env)} as "m_${m}"`).join(',\n  ');
  cases.push(
    sqlCase(
      'analytics',
      'stats of a month by body (all metrics, raw)',
      `select a.organization_id as k0, ${statsColumns} from appeal as a where a.received_at >= ${monthFrom} and a.received_at < ${monthTo} group by 1`,
    ),
  );
  const partials = rawPartialsSql(null);
  const grain = '((grouping(a.organization_id) = 0)::int + 2 * (grouping(a.municipality_id) = 0)::int + 4 * (grouping(a.sector_id) = 0)::int)';
  cases.push(
    sqlCase(
      'analytics',
      "rollup's month rebuild (select of the insert)",
      `select ${grain} as grain, a.organization_id, a.municipality_id, a.sector_id,
         ${PARTIAL_COLUMNS.map((c) => partials[c]).join(',\n         ')},
         case when ${grain} = ${GRAIN_FULL} then ${RAW_HOURS_SQL} end, ${RAW_MEDIAN_SQL}
       from appeal a where a.received_at >= ${monthFrom} and a.received_at < ${monthTo}
       group by cube (a.organization_id, a.municipality_id, a.sector_id)`,
    ),
  );
  const ratings = (from: string, to: string) => {
    const dueBy = timestampLiteral(new Date(Math.min(Date.parse(to), ctx.now.getTime())));
    return `select a.organization_id as id, count(*)::int as n,
      count(*) filter (where ${ANSWERED_SQL})::int as answered, count(*) filter (where ${ON_TIME_SQL})::int as on_time,
      count(*) filter (where ${RETURNED_SQL})::int as returned, count(a.satisfaction_score)::int as rated,
      count(*) filter (where a.satisfaction_score <= 2)::int as negative, count(*) filter (where a.is_repeat)::int as repeats,
      count(*) filter (where a.due_at <= ${dueBy})::int as due, count(*) filter (where a.due_at <= ${dueBy} and ${ANSWERED_SQL})::int as due_answered,
      percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL}) as median_hours
      from appeal as a where a.received_at >= '${from}' and a.received_at < '${to}' and a.organization_id is not null
      group by grouping sets ((a.organization_id), ())`;
  };
  const yearAgo = new Date(ctx.now.getTime() - 365 * 86400_000).toISOString();
  const monthStart = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth() - 1, 1)).toISOString();
  const monthEnd = new Date(Date.UTC(ctx.now.getUTCFullYear(), ctx.now.getUTCMonth(), 1)).toISOString();
  cases.push(sqlCase('analytics', 'ratings inputs of bodies, a month (raw)', ratings(monthStart, monthEnd)));
  cases.push(sqlCase('analytics', 'ratings inputs of bodies, a year (raw)', ratings(yearAgo, ctx.now.toISOString())));

  // Overdue and due dates: the deadline watcher's candidates, the overdue count by body, the overdue filter's count.
  const now = timestampLiteral(ctx.now);
  cases.push(
    sqlCase(
      'deadlines',
      "deadline watcher's crossings (select of its insert)",
      `with watched as (
        select a.id, a.due_at,
          extract(epoch from a.due_at - case when a.paused_at is not null and a.paused_at < ${now} then a.paused_at else ${now} end) * 1000 as remaining_ms,
          greatest(extract(epoch from a.due_at - a.deadline_starts_at) * 1000 - a.paused_ms, 0) as total_ms
        from appeal a
        where a.answered_at is null and a.status = any($1::appeal_status[]) and a.due_at is not null and a.deadline_starts_at is not null
      ), crossed as (
        select w.id, w.due_at, (case when w.remaining_ms < 0 then 'OVERDUE' else 'AT_RISK' end)::deadline_state as state
        from watched w where w.remaining_ms < 0.25 * w.total_ms or w.remaining_ms < 0
      )
      select c.* from crossed c
      where not exists (select 1 from deadline_alert d where d.appeal_id = c.id and d.state = c.state and d.due_at = c.due_at)
      order by c.due_at, c.id limit 500`,
      [OPEN_STATUSES],
    ),
  );
  cases.push(
    sqlCase('deadlines', 'overdue now by body (analytics overdue)', `select a.organization_id, count(*) from appeal a where ${overdueSql(ctx.now)} group by 1`),
  );
  cases.push(
    sqlCase(
      'deadlines',
      'due in the next 3 days, open (a due-date window)',
      `select count(*) from appeal a where a.due_at >= ${now} and a.due_at < ${now} + interval '3 days' and a.answered_at is null`,
    ),
  );

  // A bulk insert: 10,000 appeals of the last week and 3 events each, in a transaction rolled back.
  cases.push({
    group: 'write',
    name: 'insert 10,000 appeals + 30,000 events (rolled back)',
    write: true,
    run: async (client, side) => {
      const seed = `pb-${Date.now()}-${Math.random()}`;
      const at = `$1::timestamptz - g * interval '1 minute'`;
      await client.query('begin');
      try {
        await client.query(
          `with ref as (select (select array_agg(id) from municipality) as m, (select array_agg(id order by code) from category) as c,
                  (select array_agg(sector_id order by code) from category) as s, (select array_agg(id) from organization) as o)
           insert into appeal (id, number, channel, external_id, status, text, address, municipality_id, sector_id, category_id, organization_id,
             fz59, received_at, registered_at, due_at, deadline_starts_at, created_at, updated_at)
           select md5($2 || g)::uuid, 'PB-' || md5($2 || g), 'POS', 'pb-' || md5($2 || g), 'ASSIGNED', 'Обращение ' || g, 'ул. Ленина, д. ' || (g % 80),
             ref.m[1 + g % array_length(ref.m, 1)], ref.s[1 + g % array_length(ref.s, 1)], ref.c[1 + g % array_length(ref.c, 1)],
             ref.o[1 + g % array_length(ref.o, 1)], false, ${at}, ${at} + interval '1 hour', ${at} + interval '30 days', ${at}, ${at}, ${at}
           from generate_series(1, 10000) g, ref`,
          [ctx.now, seed],
        );
        const extra = side === 'part' ? ', appeal_received_at' : '';
        await client.query(
          `insert into appeal_event (id, appeal_id, type, at, actor_label, from_status, to_status${extra})
           select gen_random_uuid(), md5($2 || g)::uuid, t.type, ${at} + t.off, 'bench', t.f::appeal_status, t.t::appeal_status${side === 'part' ? `, ${at}` : ''}
           from generate_series(1, 10000) g,
             (values ('REGISTERED', interval '1 hour', null, 'REGISTERED'), ('ASSIGNED', interval '3 hours', 'REGISTERED', 'ASSIGNED'),
                     ('STATUS_CHANGED', interval '5 hours', 'ASSIGNED', 'IN_PROGRESS')) t(type, off, f, t)`,
          [ctx.now, seed],
        );
      } finally {
        await client.query('rollback');
      }
    },
  });
  return cases;
}

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface SampledAppeal {
  id: string;
  /** The local month of its receipt (TIME_ZONE), as instants. */
  monthFrom: Date;
  monthTo: Date;
}

/** 20 appeals spread over the years (a sample of pages, then 20 at random), the same for both sides. */
export async function sampleIds(client: pg.Client, zone: string, n = 20): Promise<SampledAppeal[]> {
  const { rows } = await client.query(
    `select id, date_trunc('month', received_at at time zone $2) at time zone $2 as month_from,
            (date_trunc('month', received_at at time zone $2) + interval '1 month') at time zone $2 as month_to
       from (select id, received_at from public.appeal tablesample system (0.05) repeatable (21)) t order by md5(id::text) limit $1`,
    [n, zone],
  );
  return rows.map((r) => ({ id: r.id, monthFrom: r.month_from, monthTo: r.month_to }));
}
