import { ANSWERED_SQL, ON_TIME_SQL, RESPONSE_HOURS_SQL } from '../analytics/measures/metrics.js';

/**
 * The figures of official pages as SQL aggregates, with the definitions of
 * core/analytics/measures/metrics.ts (answered: answered_at set; on time: answered no
 * later than due; answer time less the time paused waiting for the author).
 * A comment counts in the period it was posted in; posts in the period they
 * were published in; the last activity (a post or an answer on the page) is
 * the latest before the period's end.
 *
 * Parameters: $1 page ids (uuid[], null: every page), $2 from, $3 to, $4 "due by"
 * (min(to, now): a comment is due once its deadline has come).
 */
const COMMENT_FIGURES = `count(*)::int as comments,
  count(*) filter (where ${ANSWERED_SQL})::int as answered,
  count(*) filter (where ${ANSWERED_SQL} and ${ON_TIME_SQL})::int as answered_on_time,
  count(*) filter (where a.due_at <= $4)::int as due,
  count(*) filter (where a.due_at <= $4 and ${ANSWERED_SQL})::int as due_answered,
  percentile_cont(0.5) within group (order by ${RESPONSE_HOURS_SQL}) as median_hours`;

const COMMENTS_OF_PERIOD = `select c.page_id, a.answered_at, a.due_at, a.received_at, a.paused_ms
  from official_page_comment c join appeal a on a.id = c.appeal_id
  where c.posted_at >= $2 and c.posted_at < $3 and ($1::uuid[] is null or c.page_id = any($1::uuid[]))`;

const ACTIVITY = `select p.id as page_id,
    (select count(*)::int from official_page_post t where t.page_id = p.id and t.published_at >= $2 and t.published_at < $3) as posts,
    greatest(
      (select max(t.published_at) from official_page_post t where t.page_id = p.id and t.published_at < $3),
      (select max(a.answered_at) from official_page_comment c join appeal a on a.id = c.appeal_id where c.page_id = p.id and a.answered_at < $3)
    ) as last_activity_at
  from official_page p where ($1::uuid[] is null or p.id = any($1::uuid[]))`;

/** One row per page: its comment figures, posts and last activity. */
export const PAGE_FIGURES_SQL = `with a as (${COMMENTS_OF_PERIOD}),
  cm as (select a.page_id, ${COMMENT_FIGURES} from a group by a.page_id),
  act as (${ACTIVITY})
  select p.id as page_id, p.organization_id, p.verified, p.created_at,
    coalesce(cm.comments, 0) as comments, coalesce(cm.answered, 0) as answered, coalesce(cm.answered_on_time, 0) as answered_on_time,
    coalesce(cm.due, 0) as due, coalesce(cm.due_answered, 0) as due_answered, cm.median_hours,
    act.posts, act.last_activity_at
  from official_page p join act on act.page_id = p.id left join cm on cm.page_id = p.id
  where ($1::uuid[] is null or p.id = any($1::uuid[]))`;

/**
 * Comment figures per page, per body (all its pages) and for all pages
 * together (the pooled figures small numbers are shrunk towards), in one
 * statement through GROUPING SETS; `level` says which: page, organization, all.
 */
export const RATING_FIGURES_SQL = `with a as (select x.*, p.organization_id from (${COMMENTS_OF_PERIOD}) x join official_page p on p.id = x.page_id)
  select a.page_id, a.organization_id,
    case when grouping(a.page_id) = 0 then 'page' when grouping(a.organization_id) = 0 then 'organization' else 'all' end as level,
    ${COMMENT_FIGURES}
  from a group by grouping sets ((a.page_id, a.organization_id), (a.organization_id), ())`;
