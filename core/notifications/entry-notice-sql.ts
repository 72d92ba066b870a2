/**
 * The CTEs that queue the notices carried by a registration's audit entries
 * (EntryNotice, `notice` in the entries' JSON) in the registration's own
 * statement: the message (unique per entry, as the status notices' listener
 * writes it: source 'appeal-event', the entry's id) with the number the
 * statement gave the appeal in place of `{{appealNumber}}`, and one outbox
 * row per recipient, opted-out contacts left out. Both intake writers
 * (single-appeal-writer.ts, appeal-writer.ts) append it after their `ins`
 * (the appeals inserted, with `id` and `number`) when an entry carries a
 * notice, so the notice commits with the appeal or not at all and costs no
 * round trip of its own. `events`: the entries' parameter, e.g. `$3::jsonb`.
 */
export const APPEAL_NUMBER_PLACEHOLDER = '{{appealNumber}}';

export const entryNoticeCtes = (events: string) => `notice as materialized (
  select (e->>'id')::uuid as event_id, (e->>'at')::timestamptz as at, e->'notice' as n, i.number
  from jsonb_array_elements(${events}) e join ins i on i.id = (e->>'appeal_id')::uuid
  where e ? 'notice'
),
notice_message as (
  insert into notification_message (id, source, source_id, subject, body, short_text, created_at)
  select gen_random_uuid(), 'appeal-event', x.event_id, replace(x.n->>'subject', '${APPEAL_NUMBER_PLACEHOLDER}', x.number),
    replace(x.n->>'body', '${APPEAL_NUMBER_PLACEHOLDER}', x.number), replace(x.n->>'shortText', '${APPEAL_NUMBER_PLACEHOLDER}', x.number), x.at
  from notice x
  on conflict (source, source_id) do nothing
  returning id, source_id
),
notice_outbox as (
  insert into notification_outbox (message_id, channel, recipient, recipient_key, status, attempts, possible_repeats, next_attempt_at, created_at)
  select m.id, r.channel::delivery_channel, r.recipient, r.key, 'QUEUED', 0, 0, x.at, x.at
  from notice_message m join notice x on x.event_id = m.source_id
  cross join lateral jsonb_to_recordset(x.n->'recipients') as r(channel text, recipient text, key text)
  where not exists (select 1 from notification_contact k where k.contact_key = r.key and k.opted_out_at is not null)
  on conflict (message_id, channel, recipient_key) do nothing
)`;
