import { and, query, raw, sql, type Sql } from '../db/sql.js';
import { timestampLiteral } from '../analytics/measures/metrics.js';
import { ProblemStatus } from '../entities/problem.entity.js';
import { runAnalyticsQuery, timeZoneLiteral, type AnalyticsContext } from '../analytics/measures/analytics-context.js';
import { appealScopeSql } from '../analytics/measures/appeal-conditions.js';
import { dayLabel } from '../analytics/labels.js';
import { problemScopeSql, problemTrend, STREET_SQL, streetOf } from '../analytics/problems.service.js';
import { overdueAtSql } from './report-lateness.js';
import type { ReportCount, ReportDay, ReportHotSpot, ReportOverdue, ReportProblem } from './report.types.js';

/** The sections of the monthly report read by statements of their own (the rest come from stats, ratings, workload and conflicts). */

const DAY = 86_400_000;

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  [ProblemStatus.NEW]: 'Выявлена',
  [ProblemStatus.CONFIRMED]: 'Подтверждена',
  [ProblemStatus.IN_PROGRESS]: 'Решается',
  [ProblemStatus.RESOLVED]: 'Решена',
  [ProblemStatus.DISMISSED]: 'Снята',
};

const TREND_LABELS: Record<string, string> = { NEW: 'новая', RISING: 'растёт', STABLE: 'без изменений', FALLING: 'снижается' };

/** Received and answered per local day of the month. */
export async function loadDailyFlow(ctx: AnalyticsContext, from: Date, to: Date): Promise<ReportDay[]> {
  // The zone is configuration, quoted as a literal.
  const tz = raw(timeZoneLiteral(ctx));
  const perDay = (column: 'received_at' | 'answered_at') => {
    const at = raw(`a.${column}`);
    const where = and([...appealScopeSql(ctx.user), sql`${at} >= ${from}`, sql`${at} < ${to}`]);
    // Grouped on the truncated local day, formatted once per day (to_char on every row was half the statement's time).
    return sql`select to_char(d.day, 'YYYY-MM-DD') as day, d.n from (
      select date_trunc('day', ${at} at time zone ${tz}) as day, count(*)::int as n from appeal as a where ${where} group by 1
    ) as d`;
  };
  const r = await query<{ day: string; n: number }>(ctx.em, perDay('received_at'));
  const s = await query<{ day: string; n: number }>(ctx.em, perDay('answered_at'));
  const days: ReportDay[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += DAY) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: ctx.app.config.TIME_ZONE }).format(new Date(at + DAY / 2));
    if (days.at(-1)?.day === day) continue;
    days.push({ day, label: dayLabel(day), received: r.find((x) => x.day === day)?.n ?? 0, resolved: s.find((x) => x.day === day)?.n ?? 0 });
  }
  return days;
}

export async function addPerTenThousand(ctx: AnalyticsContext, rows: ReportCount[]): Promise<void> {
  const ids = rows.map((r) => r.key).filter((k): k is string => Boolean(k));
  if (!ids.length) return;
  const populations = await query<{ id: string; population: number }>(ctx.em, sql`select id, population from municipality where id = any(${ids}::uuid[])`);
  const of = new Map(populations.map((p) => [p.id, Number(p.population)]));
  for (const row of rows) {
    const population = row.key ? of.get(row.key) : undefined;
    row.perTenThousand = population ? (row.count / population) * 10_000 : null;
  }
}

/**
 * Hot spots computed live (the same clusters as detectProblems, nothing
 * written). The street is cut from each distinct address once, not from
 * every appeal (a regular expression per row was most of the report's time).
 */
export async function loadHotSpots(ctx: AnalyticsContext, from: Date, to: Date, previousFrom: Date): Promise<ReportHotSpot[]> {
  const min = ctx.app.config.PROBLEM_MIN_APPEALS;
  const window = and([
    ...appealScopeSql(ctx.user),
    sql`a.received_at >= ${previousFrom}`,
    sql`a.received_at < ${to}`,
    sql`a.category_id is not null`,
    sql`a.address is not null`,
  ]);
  // Materialized: else the planner pushes the street's regular expression back down to every appeal.
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    sql`with w as materialized (
        select a.category_id, a.municipality_id, a.organization_id, a.address, a.received_at >= ${from} as current from appeal as a where ${window}
      ), s as materialized (select a.address, ${raw(STREET_SQL)} as street from (select distinct w.address from w) as a)
      select c.*, cat.name as category, m.short_name as municipality, o.short_name as organization
      from (
        select w.category_id, w.municipality_id, s.street,
          count(*) filter (where w.current)::int as n, count(*) filter (where not w.current)::int as previous,
          mode() within group (order by w.organization_id) as organization_id, min(w.address) as sample_address
        from w join s on s.address = w.address
        where s.street is not null
        group by 1, 2, 3
        having count(*) filter (where w.current) >= ${min}
      ) as c
      join category as cat on cat.id = c.category_id
      left join municipality as m on m.id = c.municipality_id
      left join organization as o on o.id = c.organization_id
      order by c.n desc, c.street asc
      limit ${10}`,
  );
  return rows.map((r) => ({
    category: r.category,
    municipality: r.municipality,
    address: streetOf(r.sample_address),
    count: r.n,
    previousMonth: r.previous,
    organization: r.organization,
  }));
}

/**
 * Overdue at the end of the month (or now, for the current month; DEFINITIONS.overdueAtMonthEnd), by body: the five oldest of each.
 * `totals`: the overdue count of each body (key: its id, or null for none) under the same scope and moment, as lateness() gives
 * them. Each body's five oldest are looked up by index, not ranked among all overdue appeals: the unanswered by
 * (organization_id, due_at, number) five at a time (appeal_unanswered_organization_due_idx), and the few overdue at
 * the end but answered since (after the term, so in appeal_answered_late_idx) ranked once.
 */
export async function loadOverdue(ctx: AnalyticsContext, to: Date, totals: ReadonlyMap<string | null, number>): Promise<ReportOverdue[]> {
  const at = new Date(Math.min(to.getTime(), ctx.now.getTime()));
  // The predicate is report-lateness.ts's, with a moment of ours inlined.
  const overdue = raw(overdueAtSql(at));
  const scope = appealScopeSql(ctx.user);
  const bodies = [...totals].filter(([, n]) => n > 0);
  if (!bodies.length) return [];
  const ids = bodies.map(([id]) => id).filter((id): id is string => id != null);
  const counts = bodies.map(([, n]) => n);
  const oldest = (body: Sql) =>
    sql`(select a.organization_id, a.number, a.due_at from appeal as a
      where ${and([...scope, body, sql`a.answered_at is null`, overdue])} order by a.due_at, a.number limit ${5})`;
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    sql`with t as (select * from unnest(${bodies.map(([id]) => id)}::uuid[], ${counts}::int[]) as t(organization_id, total)),
      candidates as (
        select x.* from unnest(${ids}::uuid[]) as b(id) cross join lateral ${oldest(sql`a.organization_id = b.id`)} as x
        union all
        ${oldest(sql`a.organization_id is null`)}
        union all
        select a.organization_id, a.number, a.due_at from appeal as a
          where ${and([...scope, raw(`a.answered_at >= ${timestampLiteral(at)} and a.answered_at > a.due_at`), overdue])}
      )
      select r.*, t.total, o.short_name from (
        select c.organization_id, c.number, c.due_at, row_number() over (partition by c.organization_id order by c.due_at, c.number) as position
        from candidates as c
      ) as r
      join t on t.organization_id is not distinct from r.organization_id
      left join organization as o on o.id = r.organization_id
      where r.position <= ${5}
      order by t.total desc, o.short_name asc, r.position asc`,
  );
  const out: ReportOverdue[] = [];
  for (const r of rows) {
    const name = r.short_name ?? 'Без ответственного органа';
    let entry = out.find((o) => o.organization === name);
    if (!entry) out.push((entry = { organization: name, count: r.total, appeals: [] }));
    const dueAt = new Date(r.due_at);
    entry.appeals.push({ number: r.number, dueAt, daysOverdue: Math.floor((at.getTime() - dueAt.getTime()) / DAY) });
  }
  return out.slice(0, 15);
}

/** Problems of the month and earlier ones not yet resolved (their status is part of the report). */
export async function loadProblems(ctx: AnalyticsContext, from: Date, to: Date): Promise<ReportProblem[]> {
  const closed = [ProblemStatus.RESOLVED, ProblemStatus.DISMISSED];
  const where = and([...problemScopeSql(ctx.user), sql`p.window_from < ${to}`, sql`(p.window_to > ${from} or p.status not in (${closed[0]}, ${closed[1]}))`]);
  const rows: Record<string, any>[] = await query(
    ctx.em,
    sql`select p.*, c.name as category_name, m.short_name as municipality_name, o.short_name as organization_name
      from problem as p
      left join category as c on c.id = p.category_id
      left join municipality as m on m.id = p.municipality_id
      left join organization as o on o.id = p.responsible_organization_id
      where ${where}
      order by p.appeal_count desc, p.id
      limit ${20}`,
  );
  return rows.map((r) => {
    const trend = problemTrend(r.appeal_count, r.previous_count);
    return {
      title: r.title,
      category: r.category_name,
      municipality: r.municipality_name,
      status: r.status,
      statusLabel: PROBLEM_STATUS_LABELS[r.status as ProblemStatus] ?? r.status,
      decision: r.decision,
      nationalProjectIndicator: r.national_project_indicator,
      count: r.appeal_count,
      previousCount: r.previous_count,
      trend: TREND_LABELS[trend] ?? trend,
      organization: r.organization_name,
      carriedOver: new Date(r.window_to) <= from,
    };
  });
}
