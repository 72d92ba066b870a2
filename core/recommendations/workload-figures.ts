import type { AnalyticsContext } from '../analytics/measures/analytics-context.js';
import { runAnalyticsQuery, runAnalyticsWork } from '../analytics/measures/analytics-context.js';
import { planRollup, type RollupPlan } from '../analytics/rollup/rollup-plan.js';
import { partialsUnion } from '../analytics/rollup/rollup-query.js';
import { GRAIN_BITS } from '../analytics/rollup/rollup.sql.js';
import { join, sql, type Sql } from '../db/sql.js';

/**
 * The figures of the STAFFING rule (recommendation.rules.ts): per body and
 * half of the period, the appeals received, answered and answered on time.
 * They are sums the analytics rollup already holds, in its cells of the
 * organization-only grain (no median, no "due by now"): each half is
 * planned on its own (rollup-plan.ts: the months held in this zone,
 * unmarked, wholly inside the half), so the month around the middle and the
 * partial months at the ends are read from `appeal`, and the result is the
 * rows' result at every moment (the analytics rollup's own marks cover every
 * column summed: receipt, body, answer time, due date).
 */
export interface WorkloadFigures {
  organizationId: string;
  /** 0: the first half, 1: the second. */
  half: 0 | 1;
  n: number;
  answered: number;
  onTime: number;
}

const COLUMNS = ['n', 'answered', 'on_time'] as const;

function halfPartials(plan: RollupPlan, half: number): Sql {
  const p = partialsUnion(plan, {
    keys: [{ rollup: 'r.organization_id', raw: 'a.organization_id' }],
    columns: [...COLUMNS],
    median: 'none',
    grain: GRAIN_BITS.organization,
    overdueAt: null,
    narrowRollup: [sql`r.organization_id is not null`],
    narrowRaw: [sql`a.organization_id is not null`],
  });
  return sql`select ${half}::int as half, h.* from (${p}) h`;
}

/** Per body, the figures of [from, mid) and [mid, to); `rollup: false` reads the rows only (the exactness tests compare both). */
export async function loadWorkloadHalves(ctx: AnalyticsContext, from: Date, mid: Date, to: Date, rollup = true): Promise<WorkloadFigures[]> {
  const zone = ctx.app.config.TIME_ZONE;
  const statement = (plans: RollupPlan[]) =>
    sql`select p.k0 as organization_id, p.half, sum(p.n)::int as n, sum(p.answered)::int as answered, sum(p.on_time)::int as on_time
      from (${join(
        plans.map((plan, i) => halfPartials(plan, i)),
        ' union all ',
      )}) p
      group by 1, 2 order by 1, 2`;
  const whole = (f: Date, t: Date): RollupPlan => ({ months: [], served: [], raw: [{ from: f, to: t }], unsettled: [] });
  const rows = rollup
    ? await runAnalyticsWork(ctx, async (run) => run<Row>(statement([await planRollup(run, zone, from, mid), await planRollup(run, zone, mid, to)])))
    : await runAnalyticsQuery<Row>(ctx, statement([whole(from, mid), whole(mid, to)]));
  return rows.map((r) => ({ organizationId: r.organization_id, half: r.half as 0 | 1, n: r.n, answered: r.answered, onTime: r.on_time }));
}

interface Row {
  organization_id: string;
  half: number;
  n: number;
  answered: number;
  on_time: number;
}
