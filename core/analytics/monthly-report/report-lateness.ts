import { and, raw, sql } from '../../db/sql.js';
import { appealScopeSql } from '../appeal-conditions.js';
import type { AnalyticsContext } from '../analytics-context.js';
import { runAnalyticsQuery } from '../analytics-context.js';
import { StatsDimension } from '../dimensions.js';
import { timestampLiteral } from '../metrics.js';

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

/**
 * Both lateness figures of a month, in total and per municipality and
 * responsible body (keys `total`, `MUNICIPALITY:<id>`, `ORGANIZATION:<id>`),
 * in one statement under the caller's scope.
 */
export async function lateness(ctx: AnalyticsContext, p: { from: Date; to: Date }): Promise<Map<string, { overdue: number; answeredLate: number }>> {
  // Both predicates are this module's, with moments of ours inlined.
  const over = raw(overdueAtSql(endOf(ctx, p)));
  const late = raw(answeredLateSql(p));
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    sql`select grouping(a.municipality_id) = 0 as by_municipality, grouping(a.organization_id) = 0 as by_organization,
      a.municipality_id, a.organization_id, count(*) filter (where ${over})::int as overdue, count(*) filter (where ${late})::int as late
    from appeal as a where ${and([...appealScopeSql(ctx.user), sql`(${over} or ${late})`])}
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
