import type { EntityManager } from '@mikro-orm/postgresql';
import { query, raw, sql } from '../db/sql.js';
import { inRanges, withPlan } from './rule-plan.js';
export { planRuleRollup, type RulePlan } from './rule-plan.js';
import { ANSWER_TEXTS_SQL } from '../analytics/measures/appeal-signals.sql.js';
import { STREET_SQL } from '../analytics/problems.service.js';
import { rebuildPracticeMonth } from './practice-rollup.js';
import { rebuildPageMonth } from './page-rollup.js';

/**
 * The rollups of the recommendation rules that read the most rows: the answer
 * texts per body and fingerprint (ANSWER_QUALITY) and the repeated appeals per
 * body, category and street (REGIONAL_PROBLEM), one local month a row group;
 * beside the answer texts, the answers per body and month and the running
 * totals per body and fingerprint over the months held (answer-total-rollup.entity.ts),
 * so that only the few fingerprints that can reach the bar are summed.
 * They live and die with the analytics rollup (core/analytics/rollup): the
 * refresh rebuilds a month of these tables in the transaction that rebuilds
 * the month's stats cells, and a month is read from them only while the
 * analytics rollup holds it in this time zone and no change has marked any of
 * its days (analytics_dirty; the triggers of the migration
 * recommendation_rollups add the marks these tables need: answer days, body
 * changes of answered appeals, category and address changes). Everything
 * else of the period — partial months at its ends, marked months, months not
 * built yet — is read from the rows by the same statement, so the result is
 * the rows' result at every moment.
 */

/** Appeals shown as examples per repeats group. */
export const REPEAT_EXAMPLES = 20;

/** Rebuilds one local month of both rule rollups; called by the analytics rollup refresh inside its transaction. */
export async function rebuildRuleRollupMonth(em: EntityManager, month: string, zone: string): Promise<void> {
  const start = sql`(${month}::timestamp at time zone ${zone}::text)`;
  const end = sql`((${month}::timestamp + interval '1 month') at time zone ${zone}::text)`;
  const texts = sql`select a.organization_id, hashtextextended(lower(trim(x.text)), 0) as h, count(*)::int as n, min(x.text) as text
    from (${raw(ANSWER_TEXTS_SQL)}) x join appeal a on a.id = x.appeal_id
    where x.at >= ${start} and x.at < ${end} and a.organization_id is not null
    group by 1, 2`;
  // The running totals gain the month's new counts less its old ones, before the rows are replaced (same
  // transaction): only the fingerprints whose count changed are written, so a month rebuilt for a few
  // changes touches a few totals.
  await query(
    em,
    sql`insert into recommendation_answer_total as t (organization_id, h, n)
    select coalesce(nw.organization_id, od.organization_id), coalesce(nw.h, od.h), coalesce(nw.n, 0) - coalesce(od.n, 0)
    from (${texts}) nw
      full join (select r.organization_id, r.h, r.n from recommendation_answer_text r where r.month = ${month}::timestamp) od
      on od.organization_id = nw.organization_id and od.h = nw.h
    where coalesce(nw.n, 0) <> coalesce(od.n, 0)
    on conflict (organization_id, h) do update set n = t.n + excluded.n`,
  );
  await query(em, sql`delete from recommendation_answer_text where month = ${month}::timestamp`);
  await query(em, sql`insert into recommendation_answer_text (month, organization_id, h, n, text) select ${month}::timestamp, t.* from (${texts}) t`);
  await query(em, sql`delete from recommendation_answer_count where month = ${month}::timestamp`);
  await query(
    em,
    sql`insert into recommendation_answer_count (month, organization_id, n)
    select r.month, r.organization_id, sum(r.n)::int from recommendation_answer_text r where r.month = ${month}::timestamp group by 1, 2`,
  );
  await query(em, sql`delete from recommendation_repeat where month = ${month}::timestamp`);
  await query(
    em,
    sql`insert into recommendation_repeat (month, organization_id, category_id, street, n, ids)
    select ${month}::timestamp, a.organization_id, a.category_id, ${raw(STREET_SQL)} as street, count(*)::int,
      ((array_agg(a.id order by a.received_at desc, a.id desc))[1:${REPEAT_EXAMPLES}])::text[]
    from appeal a
    where a.is_repeat and a.received_at >= ${start} and a.received_at < ${end} and a.organization_id is not null
      and a.category_id is not null and a.address is not null and ${raw(STREET_SQL)} is not null
    group by 2, 3, 4`,
  );
  await rebuildPracticeMonth(em, month, zone);
  await rebuildPageMonth(em, month, zone);
}

export interface AnswerTextTotals {
  organization_id: string;
  /** Answers sent in the period. */
  answers: number;
  /** Of them, answers whose text the body sent `min` or more times in the period. */
  boilerplate: number;
  /** The body's most repeated text of those sent `min` or more times (ties: the lower fingerprint), its least spelling, and its fingerprint; null if none. */
  text: string | null;
  h: string | null;
}

/** Per body, the answer texts of [from, to) summed per fingerprint (ANSWER_QUALITY). */
export function answerTextTotals(em: EntityManager, zone: string, from: Date, to: Date, min: number, rollup = true): Promise<AnswerTextTotals[]> {
  return withPlan(em, zone, from, to, rollup, (tx, plan) =>
    query<AnswerTextTotals>(
      tx,
      sql`
      with rp as materialized (
        select a.organization_id, hashtextextended(lower(trim(x.text)), 0) as h, count(*)::int as n, min(x.text) as text
        from (${raw(ANSWER_TEXTS_SQL)}) x join appeal a on a.id = x.appeal_id
        where ${inRanges(sql`x.at`, plan.raw)} and a.organization_id is not null
        group by 1, 2
      ), answers as (
        select organization_id, sum(n)::int as answers from (
          select r.organization_id, r.n from recommendation_answer_count r where r.month = any(${plan.months}::timestamp[])
          union all
          select rp.organization_id, rp.n from rp
        ) p group by 1
      ), candidates as (
        -- A fingerprint below the bar over every month held, not sent in the rows read raw, cannot reach it in the period.
        select t.organization_id, t.h from recommendation_answer_total t where t.n >= ${min}
        union
        select rp.organization_id, rp.h from rp
      ), g as (
        -- Per candidate, its months by index probes (a lateral subquery: never a scan of the year's rows), and its raw answers.
        select c.organization_id, c.h, (coalesce(held.n, 0) + coalesce(rp.n, 0))::int as n
        from candidates c
        ${
          plan.months.length
            ? sql`left join lateral (select sum(r.n) as n from recommendation_answer_text r
          where r.month = any(${plan.months}::timestamp[]) and r.organization_id = c.organization_id and r.h = c.h) held on true`
            : sql`left join (select null::bigint as n) held on true`
        }
        left join rp on rp.organization_id = c.organization_id and rp.h = c.h
        where coalesce(held.n, 0) + coalesce(rp.n, 0) >= ${min}
      ), o as (
        select s.organization_id, s.answers, coalesce(sum(g.n), 0)::int as boilerplate, max(g.n) as top
        from answers s left join g on g.organization_id = s.organization_id group by 1, 2
      ), w as (
        select o.organization_id, o.answers, o.boilerplate, min(g.h) as h
        from o left join g on g.organization_id = o.organization_id and g.n = o.top group by 1, 2, 3
      )
      -- The text only for each body's most repeated fingerprint (an index probe per month), not carried through the sums.
      select w.organization_id, w.answers, w.boilerplate, w.h::text as h,
        (select min(t.text) from (
          select r.text from recommendation_answer_text r
          where r.month = any(${plan.months}::timestamp[]) and r.organization_id = w.organization_id and r.h = w.h
          union all
          select rp.text from rp where rp.organization_id = w.organization_id and rp.h = w.h) t) as text
      from w
      order by organization_id`,
    ),
  );
}

export interface RepeatGroup {
  organization_id: string;
  category: string;
  street: string;
  repeats: number;
  /** The group's latest appeals (by receipt, newest first), at most REPEAT_EXAMPLES. */
  ids: string[];
}

/** Repeated appeals of [from, to) per body, category (by name) and street with at least `min` of them (REGIONAL_PROBLEM). */
export function repeatGroups(
  em: EntityManager,
  zone: string,
  from: Date,
  to: Date,
  min: number,
  organizationId: string | null,
  rollup = true,
): Promise<RepeatGroup[]> {
  return withPlan(em, zone, from, to, rollup, (tx, plan) =>
    query<RepeatGroup>(
      tx,
      sql`
      with parts as (
        select r.organization_id, r.category_id, r.street, r.n, r.ids from recommendation_repeat r
        where r.month = any(${plan.months}::timestamp[]) and (${organizationId}::uuid is null or r.organization_id = ${organizationId}::uuid)
        union all
        select a.organization_id, a.category_id, ${raw(STREET_SQL)}, count(*)::int,
          ((array_agg(a.id order by a.received_at desc, a.id desc))[1:${REPEAT_EXAMPLES}])::text[]
        from appeal a
        where a.is_repeat and ${inRanges(sql`a.received_at`, plan.raw)} and a.organization_id is not null and a.category_id is not null
          and a.address is not null and ${raw(STREET_SQL)} is not null and (${organizationId}::uuid is null or a.organization_id = ${organizationId}::uuid)
        group by 1, 2, 3
      ), p as materialized (select parts.*, c.name as category from parts join category c on c.id = parts.category_id),
      g as (select organization_id, category, street, sum(n)::int as repeats from p group by 1, 2, 3 having sum(n) >= ${min}),
      -- The examples in one pass: each month's latest of the groups kept, ranked again by receipt.
      ex as (
        select p.organization_id, p.category, p.street, a.id,
          row_number() over (partition by p.organization_id, p.category, p.street order by a.received_at desc, a.id desc) as rn
        from p join g on g.organization_id = p.organization_id and g.category = p.category and g.street = p.street
          cross join unnest(p.ids) u(id) join appeal a on a.id = u.id::uuid
      )
      select g.organization_id, g.category, g.street, g.repeats, array_agg(ex.id order by ex.rn) as ids
      from g join ex on ex.organization_id = g.organization_id and ex.category = g.category and ex.street = g.street and ex.rn <= ${REPEAT_EXAMPLES}
      group by g.organization_id, g.category, g.street, g.repeats
      order by g.repeats desc, g.organization_id, g.category, g.street`,
    ),
  );
}
