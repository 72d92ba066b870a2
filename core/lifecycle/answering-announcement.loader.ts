import type { RequestContext } from '../auth/request-context.js';
import { query, sql } from '../db/sql.js';

/**
 * Whether a published announcement answered the appeal at intake, so that
 * `Appeal.allowedActions` offers CLOSE_BY_ANNOUNCEMENT only where
 * closeAppealByAnnouncement would accept it. One query per request for all
 * the appeals read (DataLoader).
 */
export function hasAnsweringAnnouncement(ctx: Pick<RequestContext, 'loaders'>, appealId: string): Promise<boolean | null> {
  return ctx.loaders
    .named<string, boolean>('appealAnsweringAnnouncement', async (ids, em) => {
      const rows = await query<{ appeal_id: string }>(
        em,
        sql`select distinct m.appeal_id from appeal_announcement m join announcement n on n.id = m.announcement_id
        where m.appeal_id = any(${[...ids]}::uuid[]) and n.status = 'PUBLISHED'`,
      );
      const answered = new Set(rows.map((row) => row.appeal_id));
      return ids.map((id) => answered.has(id));
    })
    .load(appealId);
}
