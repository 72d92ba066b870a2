import type { EntityManager } from '@mikro-orm/postgresql';
import { appealColumns } from './appeal-table.js';
import { appealNumberExpression, appealNumberPrefixAt } from '../appeals/appeal-number.js';
import type { LifecycleServices } from './lifecycle-services.js';
import { auditRows, publishCommitted, type Actor } from '../events/appeal-transaction.js';
import type { CommittedAppealEvent } from '../events/event-bus.js';
import type { PreparedAppeal } from './appeal-intake.js';
import { auditEntries } from './appeal-writer.js';
import type { ReferenceDirectory } from './reference-directory.js';
import { detectRepeats } from './repeat-detection.js';
import { pgQuery } from '../db/pg-query.js';
import { entryNoticeCtes } from '../notifications/entry-notice-sql.js';

type Row = Record<string, unknown>;

/**
 * True when a registration can be written by `writeSingleAppeal`: no enabled
 * plugin has a blocking (beforeCommit) hook, the sector's details need no
 * entity of their own, and the caller is not inside a transaction. Otherwise
 * the transactional writer (appeal-writer.ts) is used; both store the same rows.
 */
export function canWriteSingle(app: LifecycleServices, em: EntityManager, prepared: PreparedAppeal): boolean {
  if (em.isInTransaction()) return false;
  if (prepared.details?.plugin.details) return false;
  return !app.plugins.some((plugin) => plugin.hooks?.beforeCommit);
}

const statements = new Map<string, string>();
/**
 * The whole registration as one statement (so one implicit transaction and
 * one round trip): the stored appeal of the same (channel, externalId) if
 * any; otherwise the appeal, numbered from the sequence, and its audit
 * entries, written together or not at all. A key written concurrently by
 * another transaction is settled by the unique constraint (`on conflict do
 * nothing`) and read back by the caller. With `notify`, the live-update
 * notifications (EventBus.notifications) are sent by the same statement, so
 * they go out at its commit, only if the appeal was created. With `notice`,
 * the author's notices its entries carry are queued by it too (entry-notice-sql.ts).
 */
function registrationSql(columns: string[], returned: string[], notify: boolean, notice: boolean): string {
  const key = `${notify}:${notice}:${columns.join(',')}:${returned.join(',')}`;
  let sql = statements.get(key);
  if (!sql) {
    const out = (table: string) => returned.map((c) => `${table}."${c}"`).join(', ');
    const list = columns.map((c) => `"${c}"`).join(', ');
    const picked = columns.map((c) => `i."${c}"`).join(', ');
    const eventColumns = '"id", "appeal_id", "type", "at", "actor_user_id", "actor_label", "from_status", "to_status", "reason", "data"';
    sql = `with input as materialized (select * from jsonb_populate_record(null::appeal, $1::jsonb)),
existing as (select ${out('a')} from appeal a join input i on a.channel = i.channel and a.external_id = i.external_id),
ins as (
  insert into appeal (${list}, "number")
  select ${picked}, ${appealNumberExpression('$2')} from input i
  where not exists (select 1 from existing)
  on conflict ("channel", "external_id") do nothing
  returning ${returned.map((c) => `"${c}"`).join(', ')}
),
ev as (
  insert into appeal_event (${eventColumns})
  select ${eventColumns
    .split(', ')
    .map((c) => `e.${c}`)
    .join(', ')} from jsonb_populate_recordset(null::appeal_event, $3::jsonb) e
  where exists (select 1 from ins)
)${notice ? `,\n${entryNoticeCtes('$3::jsonb')}` : ''}${
      notify
        ? `,
notified as (select pg_notify($4::text, m) from unnest($5::text[]) m where exists (select 1 from ins))`
        : ''
    }
select true as "__created", ${out('ins')} from ins${notify ? ' where (select count(*) from notified) >= 0' : ''}
union all
select false as "__created", ${out('existing')} from existing`;
    statements.set(key, sql);
  }
  return sql;
}

/**
 * Registers one prepared appeal without an explicit transaction (see
 * `canWriteSingle`): repeat detection (one indexed read, only when the appeal
 * has an author or address key), then one statement. Publishes the audit
 * entries once it has committed.
 */
export async function writeSingleAppeal(
  app: LifecycleServices,
  em: EntityManager,
  actor: Actor,
  prepared: PreparedAppeal,
  directory: ReferenceDirectory,
): Promise<{ row: Row; created: boolean }> {
  const repeats = await detectRepeats(em, [prepared], app.config.REPEAT_WINDOW_DAYS);
  const repeat = repeats.get(prepared.id);
  const columns: Row = { ...prepared.columns, is_repeat: Boolean(repeat), repeat_of_id: repeat?.repeatOf ?? null };
  const at = app.clock.now();
  const entries = auditEntries(app, prepared, columns, repeat);
  const events = auditRows(actor, entries, at);
  const sectorCode = columns.sector_id ? (directory.sectorById.get(columns.sector_id as string)?.code ?? null) : null;
  const payloads: CommittedAppealEvent[] = events.map((event) => ({
    eventId: event.id,
    appealId: prepared.id,
    at: at.toISOString(),
    type: event.type,
    fromStatus: event.from_status,
    toStatus: event.to_status,
    sectorCode,
    organizationId: (columns.organization_id as string | null) ?? null,
    municipalityId: (columns.municipality_id as string | null) ?? null,
  }));
  const notifications = app.events.notifications && app.events.publishLocal ? app.events.notifications(payloads) : null;
  const prefix = appealNumberPrefixAt(app.config.REGION_CODE, at, app.config.TIME_ZONE);
  const params: unknown[] = [JSON.stringify(columns), prefix, JSON.stringify(events)];
  if (notifications) params.push(notifications.channel, notifications.messages);
  const returned = appealColumns(em);
  let rows = await pgQuery<Row>(
    em,
    registrationSql(
      Object.keys(columns),
      returned,
      Boolean(notifications),
      events.some((e) => e.notice),
    ),
    params,
    { prepared: true },
  );
  if (!rows.length) {
    // Another transaction wrote the same key between our snapshot and our insert.
    const list = returned.map((c) => `"${c}"`).join(', ');
    rows = await pgQuery<Row>(em, `select false as "__created", ${list} from appeal where channel = $1 and external_id = $2`, [
      prepared.channel,
      prepared.externalId,
    ]);
    if (!rows.length) throw new Error(`appeal ${prepared.channel}/${prepared.externalId} neither inserted nor found`);
  }
  const { __created: created, ...row } = rows[0]!;
  // As runAppealTransaction: the writer's next reads go to the primary, not to a replica that may lag (read-routing.ts).
  if ('user' in actor) app.reads?.wrote(actor.user.id);
  if (created) await publishCommitted(app, payloads, { notified: Boolean(notifications) });
  return { row, created: Boolean(created) };
}
