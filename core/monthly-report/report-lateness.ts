import { and, raw, sql } from '../db/sql.js';
import { appealScopeSql } from '../analytics/measures/appeal-conditions.js';
import type { AnalyticsContext } from '../analytics/measures/analytics-context.js';
import { runAnalyticsQuery } from '../analytics/measures/analytics-context.js';
import { StatsDimension } from '../analytics/dimensions.js';
import { timestampLiteral } from '../analytics/measures/metrics.js';

export const TOTAL = 'total';

/** The moment "the end of the month" means: the month's end, or now while the month runs. */
const endOf = (ctx: AnalyticsContext, p: { to: Date }) => new Date(Math.min(p.to.getTime(), ctx.now.getTime()));

/**
 * Overdue at the end of the month (`at`): received before it, the term ran
 * out before it, no answer and not closed by it, not paused over it.
 * DEFINITIONS.overdueAtMonthEnd, the one predicate of every "overdue at the
 * end of the month" figure (summary, breakdowns, the overdue section).
 */
export function overdueAtSql(at: Date): string {
  const t = timestampLiteral(at);
  return `(a.received_at < ${t} and a.due_at < ${t} and (a.answered_at is null or a.answered_at >= ${t})
    and (a.closed_at is null or a.closed_at >= ${t}) and not (a.status = 'REJECTED' and a.closed_at is null)
    and not (a.paused_at is not null and a.paused_at <= ${t}))`;
}

/** Answered in [from, to) after the term: DEFINITIONS.answeredLate. */
function answeredLateSql(p: { from: Date; to: Date }): string {
  return `(a.answered_at >= ${timestampLiteral(p.from)} and a.answered_at < ${timestampLiteral(p.to)} and a.answered_at > a.due_at)`;
}

/** The columns the two predicates and the breakdowns read: all in both partial indexes below, so each half is index-only. */
const COLUMNS = 'a.received_at, a.due_at, a.closed_at, a.status, a.paused_at, a.municipality_id, a.organization_id';

/**
 * Both lateness figures of a month, in total and per municipality and
 * responsible body (keys `total`, `MUNICIPALITY:<id>`, `ORGANIZATION:<id>`),
 * in one statement under the caller's scope.
 *
 * The rows are read from two disjoint halves instead of the whole table, each
 * an index-only scan of a partial index (migration lateness_indexes):
 * unanswered with the term out before the end (appeal_unanswered_due_at_idx),
 * and answered after the term since the month began (appeal_answered_late_idx).
 * Exact: overdue at the end `e` needs due_at < e and no answer before e, so
 * either no answer, or one at or after e > due_at (a late one, after `from`);
 * answered late in the month is a late answer after `from` by definition.
 */
export async function lateness(ctx: AnalyticsContext, p: { from: Date; to: Date }): Promise<Map<string, { overdue: number; answeredLate: number }>> {
  const end = endOf(ctx, p);
  // Both predicates are this module's, with moments of ours inlined.
  const over = raw(overdueAtSql(end));
  const late = raw(answeredLateSql(p));
  const scope = appealScopeSql(ctx.user);
  const unanswered = and([...scope, raw(`a.answered_at is null and a.due_at < ${timestampLiteral(end)}`)]);
  const answeredLate = and([...scope, raw(`a.answered_at > a.due_at and a.answered_at >= ${timestampLiteral(p.from)}`)]);
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    sql`select grouping(a.municipality_id) = 0 as by_municipality, grouping(a.organization_id) = 0 as by_organization,
      a.municipality_id, a.organization_id, count(*) filter (where ${over})::int as overdue, count(*) filter (where ${late})::int as late
    from (
      select ${raw(COLUMNS)}, null::timestamptz as answered_at from appeal as a where ${unanswered}
      union all
      select ${raw(COLUMNS)}, a.answered_at from appeal as a where ${answeredLate}
    ) as a where (${over} or ${late})
    group by grouping sets ((), (a.municipality_id), (a.organization_id))`,
  );
  const out = new Map<string, { overdue: number; answeredLate: number }>([[TOTAL, { overdue: 0, answeredLate: 0 }]]);
  for (const r of rows) {
    const key = r.by_municipality
      ? `${StatsDimension.MUNICIPALITY}:${r.municipality_id}`
      : r.by_organization
        ? `${StatsDimension.ORGANIZATION}:${r.organization_id}`
        : TOTAL;
    out.set(key, { overdue: r.overdue, answeredLate: r.late });
  }
  return out;
}

/** lateness()'s overdue count per body (key `ORGANIZATION:<id>`; `ORGANIZATION:null`: no body) as loadOverdue takes it. */
export function overdueByOrganization(lateNow: Map<string, { overdue: number }>): Map<string | null, number> {
  const prefix = `${StatsDimension.ORGANIZATION}:`;
  const out = new Map<string | null, number>();
  for (const [key, { overdue }] of lateNow) if (key.startsWith(prefix)) out.set(key === `${prefix}null` ? null : key.slice(prefix.length), overdue);
  return out;
}
