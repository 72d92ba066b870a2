import type { EntityManager } from '@mikro-orm/postgresql';
import { join, query, raw, sql, type Sql } from '../db/sql.js';
import { ANSWERED_SQL } from '../analytics/measures/metrics.js';
import { inRanges, planRuleRollup, withPlan, type RulePlan } from './rule-plan.js';

/**
 * The figures of the PAGE_ADMIN_TRAINING rule (recommendation.rules.ts) per
 * official page, with the definitions of official-page-metrics.sql.ts:
 * comments posted in the period, how many are answered, posts published in
 * the period, and the last activity (a post or an answer) before its end.
 * Comments and answers come from `recommendation_page` (page-rollup.entity.ts)
 * for the months the analytics rollup holds unmarked and from the rows for the
 * rest; posts (a few a week per page) are read from their table. The last
 * answer before the period's end looks at every month before it: the rollup's
 * months wholly before the end, and the rows' answers (by their index on
 * answer time) in the remaining ranges.
 */
export interface PageFigures {
  page_id: string;
  organization_id: string;
  created_at: Date | string;
  comments: number;
  answered: number;
  posts: number;
  last_activity_at: Date | string | null;
}

/** Rebuilds one local month of `recommendation_page`; called by the analytics rollup refresh inside its transaction. */
export async function rebuildPageMonth(em: EntityManager, month: string, zone: string): Promise<void> {
  const start = sql`(${month}::timestamp at time zone ${zone}::text)`;
  const end = sql`((${month}::timestamp + interval '1 month') at time zone ${zone}::text)`;
  await query(em, sql`delete from recommendation_page where month = ${month}::timestamp`);
  await query(
    em,
    sql`insert into recommendation_page (month, page_id, comments, answered, last_answer_at)
    select ${month}::timestamp, page_id, sum(comments)::int, sum(answered)::int, max(last_answer_at) from (
      select c.page_id, count(*) as comments, count(*) filter (where ${raw(ANSWERED_SQL)}) as answered, null::timestamptz as last_answer_at
      from official_page_comment c join appeal a on a.id = c.appeal_id
      where c.posted_at >= ${start} and c.posted_at < ${end} group by 1
      union all
      select c.page_id, 0, 0, max(a.answered_at)
      from appeal a join official_page_comment c on c.appeal_id = a.id
      where a.answered_at >= ${start} and a.answered_at < ${end} group by 1
    ) p group by page_id`,
  );
}

/** The start of the "before the end" plan: earlier than any answer. */
const DAWN = new Date('1900-01-01T00:00:00Z');

/** Answer time in the ranges of a plan starting at DAWN (its first range open below). */
function answeredIn(plan: RulePlan): Sql {
  if (!plan.raw.length) return sql`false`;
  const parts = plan.raw.map((r) =>
    r.from.getTime() === DAWN.getTime() ? sql`a.answered_at < ${r.to}` : sql`(a.answered_at >= ${r.from} and a.answered_at < ${r.to})`,
  );
  return sql`(${join(parts, ' or ')})`;
}

/** Every page's figures for [from, to); `rollup: false` reads the rows only (the exactness tests compare both). */
export function pageFigures(em: EntityManager, zone: string, from: Date, to: Date, rollup = true): Promise<PageFigures[]> {
  return withPlan(em, zone, from, to, rollup, async (tx, plan) => {
    const before: RulePlan = rollup ? await planRuleRollup(tx, zone, DAWN, to) : { months: [], raw: [{ from: DAWN, to }] };
    return query<PageFigures>(
      tx,
      sql`
      with cm as (
        select page_id, sum(comments)::int as comments, sum(answered)::int as answered from (
          select r.page_id, r.comments, r.answered from recommendation_page r where r.month = any(${plan.months}::timestamp[])
          union all
          select c.page_id, count(*)::int, (count(*) filter (where ${raw(ANSWERED_SQL)}))::int
          from official_page_comment c join appeal a on a.id = c.appeal_id
          where ${inRanges(sql`c.posted_at`, plan.raw)} group by 1
        ) p group by 1
      ), la as (
        select page_id, max(at) as at from (
          select r.page_id, r.last_answer_at as at from recommendation_page r
          where r.month = any(${before.months}::timestamp[]) and r.last_answer_at is not null
          union all
          select c.page_id, max(a.answered_at) from appeal a join official_page_comment c on c.appeal_id = a.id
          where a.answered_at is not null and ${answeredIn(before)} group by 1
        ) p group by 1
      )
      select p.id as page_id, p.organization_id, p.created_at, coalesce(cm.comments, 0) as comments, coalesce(cm.answered, 0) as answered,
        (select count(*)::int from official_page_post t where t.page_id = p.id and t.published_at >= ${from} and t.published_at < ${to}) as posts,
        greatest((select max(t.published_at) from official_page_post t where t.page_id = p.id and t.published_at < ${to}), la.at) as last_activity_at
      from official_page p left join cm on cm.page_id = p.id left join la on la.page_id = p.id
      order by p.id`,
    );
  });
}
