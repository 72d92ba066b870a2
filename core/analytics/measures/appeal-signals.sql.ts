/**
 * What analytics reads from the audit trail (`appeal_event`), in one place, so
 * that the lifecycle's event names can be adapted here alone.
 *
 * Event types relied on:
 * - redirected: `type = 'REDIRECTED'` or `to_status = 'REDIRECTED'` (and an
 *   appeal whose current status is REDIRECTED);
 * - returned for rework: `type = 'ANSWER_RETURNED'`, or `type = 'ANSWER_REVIEWED'`
 *   with `data->>'decision' = 'RETURN'`;
 * - reopened: `type = 'REOPENED'` or `to_status = 'REOPENED'`;
 * - answer texts: the accepted answers of `appeal_response`, and
 *   `type = 'ANSWERED'` with `data->>'text'`.
 * Reason/comment of a return: the event's `reason`, else `data->>'comment'`.
 */

/** Ids of appeals redirected at least once (a hashed subplan in GROUP BY queries). */
export const REDIRECTED_APPEAL_IDS_SQL = `select e.appeal_id from appeal_event e where e.type = 'REDIRECTED' or e.to_status = 'REDIRECTED'`;

/** Audit entries that return an answer for rework (the ЦУР's review, DOMAIN.md "Lifecycle"). */
export const RETURN_EVENT_CONDITION = `(e.type = 'ANSWER_RETURNED' or (e.type = 'ANSWER_REVIEWED' and e.data->>'decision' = 'RETURN'))`;

/** Ids of appeals whose answer was returned for rework at least once. */
export const RETURNED_APPEAL_IDS_SQL = `select e.appeal_id from appeal_event e where ${RETURN_EVENT_CONDITION}`;

/** Rows (appeal_id, at, comment) of returns for rework. */
export const RETURN_EVENTS_SQL = `select e.appeal_id, e.at, coalesce(e.reason, e.data->>'comment') as comment from appeal_event e where ${RETURN_EVENT_CONDITION}`;

/**
 * Rows (appeal_id, at, text) of the answers sent: the answers the ЦУР accepted
 * (`appeal_response`, review ACCEPT — only then does an answer reach the
 * author), plus answer texts recorded in the audit trail by channels that
 * bring answers of their own (`type = 'ANSWERED'` with `data->>'text'`).
 */
export const ANSWER_TEXTS_SQL = `select r.appeal_id, coalesce(r.reviewed_at, r.created_at) as at, r.text from appeal_response r where r.review_decision = 'ACCEPT'
  union all
  select e.appeal_id, e.at, e.data->>'text' as text from appeal_event e where e.type = 'ANSWERED' and e.data->>'text' is not null`;
