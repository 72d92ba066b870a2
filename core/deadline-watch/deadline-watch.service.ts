import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { appealDeadline } from '../appeals/appeal-deadline.js';
import { Appeal } from '../entities/appeal.entity.js';
import { OPEN_STATUSES, Role } from '../entities/enums.js';
import { textArray } from '../db/sql-array.js';
import { runAppealTransaction, type AppealTransactionServices } from '../events/appeal-transaction.js';
import { ALERT_TYPE_BY_STATE, DEADLINE_REMINDER, type AlertState, type DeadlineAlertData } from './deadline-event-types.js';

export const DEADLINE_WATCHER = 'deadline-watcher';
const BATCH = 500;

/**
 * Open appeals whose deadline has crossed into AT_RISK (less than the
 * at-risk share of the allowed time left, DOMAIN.md; DEADLINE_POLICY) or OVERDUE, as in
 * `appealDeadline`: the allowed time excludes pauses, and a running pause
 * freezes the clock. Each crossing is inserted once: the unique key and
 * `on conflict do nothing` make a second watcher (another process) skip it,
 * waiting for the first one's commit if they race.
 */
const CROSSINGS_SQL = `
with watched as (
  select a.id, a.due_at,
    extract(epoch from a.due_at - case when a.paused_at is not null and a.paused_at < ?::timestamptz then a.paused_at else ?::timestamptz end) * 1000 as remaining_ms,
    greatest(extract(epoch from a.due_at - a.deadline_starts_at) * 1000 - a.paused_ms, 0) as total_ms
  from appeal a
  where a.answered_at is null and a.status = any(?::appeal_status[]) and a.due_at is not null and a.deadline_starts_at is not null
), crossed as (
  select w.id, w.due_at, (case when w.remaining_ms < 0 then 'OVERDUE' else 'AT_RISK' end)::deadline_state as state
  from watched w
  where w.remaining_ms < ? * w.total_ms or w.remaining_ms < 0
)
insert into deadline_alert (id, appeal_id, state, due_at, at)
select gen_random_uuid(), c.id, c.state, c.due_at, ?::timestamptz
from crossed c
where not exists (select 1 from deadline_alert d where d.appeal_id = c.id and d.state = c.state and d.due_at = c.due_at)
order by c.due_at, c.id
limit ?
on conflict (appeal_id, state, due_at) do nothing
returning appeal_id, state, due_at`;

export interface DeadlineAlertRaised {
  appealId: string;
  state: AlertState;
  dueAt: Date;
}

/**
 * One pass of the deadline watcher: writes an alert (DEADLINE_AT_RISK or
 * DEADLINE_OVERDUE) and a reminder to the responsible body's operators
 * (DEADLINE_REMINDER) into the audit trail of every appeal that crossed,
 * in the same transaction as the alert row, so they are published after
 * commit like every other change. The job queue runs it on a schedule; tests
 * call it directly with a ManualClock.
 */
/** What the deadline watch uses: the core's services and what an appeal transaction needs. */
export type DeadlineWatchServices = CoreServices & AppealTransactionServices;

export async function runDeadlineWatch(app: DeadlineWatchServices): Promise<DeadlineAlertRaised[]> {
  const now = app.clock.now();
  // The same share as the deadline view (`Appeal.deadline`): DEADLINE_POLICY's atRiskShare.
  const atRiskShare = app.config.deadlinePolicy.atRiskShare;
  const raised: DeadlineAlertRaised[] = [];
  for (;;) {
    const batch = await runAppealTransaction(
      app,
      app.orm.em.fork() as EntityManager,
      { label: DEADLINE_WATCHER },
      async (tx): Promise<DeadlineAlertRaised[]> => {
        const rows: { appeal_id: string; state: AlertState; due_at: Date }[] = await tx.em.execute(CROSSINGS_SQL, [
          now,
          now,
          textArray(OPEN_STATUSES),
          atRiskShare,
          now,
          BATCH,
        ]);
        if (!rows.length) return [];
        const appeals = new Map((await tx.em.find(Appeal, { id: { $in: rows.map((r) => r.appeal_id) } })).map((a) => [a.id, a]));
        const operators = await operatorsOf(tx.em, [...appeals.values()]);
        for (const row of rows) {
          const appeal = appeals.get(row.appeal_id)!;
          const data: DeadlineAlertData = {
            state: row.state,
            dueAt: new Date(row.due_at).toISOString(),
            remainingHours: appealDeadline(appeal, now, atRiskShare).remainingHours ?? 0,
          };
          tx.record({ appeal, type: ALERT_TYPE_BY_STATE[row.state], data: { ...data } });
          const organizationId = appeal.organization?.id;
          if (organizationId) {
            const recipients = new Set(operators.get(organizationId) ?? []);
            if (appeal.assignee) recipients.add(appeal.assignee.id);
            tx.record({ appeal, type: DEADLINE_REMINDER, data: { ...data, recipients: [...recipients] } });
          }
        }
        return rows.map((row) => ({ appealId: row.appeal_id, state: row.state, dueAt: new Date(row.due_at) }));
      },
    );
    raised.push(...batch);
    if (batch.length < BATCH) return raised;
  }
}

/** Active operators of each responsible body: who the reminder is for. */
async function operatorsOf(em: EntityManager, appeals: Appeal[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(appeals.map((a) => a.organization?.id).filter((id): id is string => Boolean(id)))];
  const byOrganization = new Map<string, string[]>();
  if (!ids.length) return byOrganization;
  const rows: { id: string; organization_id: string }[] = await em.execute(
    'select id, organization_id from app_user where role = ? and active and organization_id = any(?::uuid[]) order by email',
    [Role.ORG_OPERATOR, textArray(ids)],
  );
  for (const row of rows) byOrganization.set(row.organization_id, [...(byOrganization.get(row.organization_id) ?? []), row.id]);
  return byOrganization;
}
