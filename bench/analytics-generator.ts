/**
 * Generates N appeals over the two years before `now` straight in SQL
 * (INSERT ... SELECT generate_series), with the audit-trail signals that
 * analytics reads: redirects, returns for rework, answer texts (a boilerplate
 * among them), repeats, ratings. A million rows take a few minutes on two
 * cores; the data set is kept between runs.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export async function generateBenchAppeals(em: EntityManager, count: number, now: Date): Promise<void> {
  const conn = em.getConnection();
  const exec = (sql: string, params: unknown[] = []) => conn.execute(sql, params);
  // Two operators per body, the assignees of the generated appeals.
  await exec(`insert into app_user (id, email, password_hash, full_name, role, sectors, organization_id)
    select gen_random_uuid(), 'bench' || n || '.' || o.code || '@bench.local', '!', 'Специалист ' || n || ', ' || o.short_name, 'ORG_OPERATOR', '{}', o.id
    from organization o cross join generate_series(1, 2) n
    where o.kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')
    on conflict (email) do nothing`);
  await exec(`create temporary table bench_ref as
    select (select array_agg(id order by code) from category) as categories,
           (select array_agg(sector_id order by code) from category) as category_sectors,
           (select array_agg(id order by code) from municipality) as municipalities,
           (select array_agg(id order by code) from organization where kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')) as organizations,
           (select array_agg(id order by email) from app_user where email like '%@bench.local') as users,
           array['POS','POS','POS','POS','SOCIAL_MEDIA','SOCIAL_MEDIA','REGIONAL_SYSTEM','WRITTEN','EMAIL','PHONE']::channel[] as channels,
           array['Ленина','Советская','Панфилова','Кирова','Гагарина','Комсомольская']::text[] as streets`);
  const started = Date.now();
  const batch = 200_000;
  for (let offset = 0; offset < count; offset += batch) {
    const size = Math.min(batch, count - offset);
    await exec(
      `
    insert into appeal (id, number, channel, external_id, status, text, address, municipality_id, sector_id, category_id, organization_id,
      assignee_id, fz59, received_at, registered_at, due_at, deadline_starts_at, answered_at, closed_at, paused_ms, satisfaction_score,
      rated_at, is_repeat, created_at, updated_at)
    select gen_random_uuid(), 'B-' || g, channel, 'bench-' || g,
      status::appeal_status, 'Обращение ' || g, address, municipality_id, sector_id, category_id, organization_id,
      assignee_id, channel in ('WRITTEN', 'EMAIL'), received_at, received_at + interval '1 hour', due_at, received_at,
      answered_at, case when status = 'CLOSED' then answered_at end, 0,
      case when status = 'CLOSED' and r_score < 0.6 then (array[1,2,3,4,4,5,5,5,5,5])[1 + floor(r_score * 16)::int] end,
      case when status = 'CLOSED' and r_score < 0.6 then answered_at + interval '1 day' end,
      r_repeat < 0.04, received_at, coalesce(answered_at, received_at)
    from (
      select g, x.*,
        case when x.received_at + (x.allowed * 1.6) < ?::timestamptz
             then case when x.r_status < 0.90 then 'CLOSED' when x.r_status < 0.94 then 'ANSWERED' when x.r_status < 0.97 then 'IN_PROGRESS' else 'REJECTED' end
             else case when x.r_status < 0.25 then 'IN_PROGRESS' when x.r_status < 0.40 then 'ASSIGNED' when x.r_status < 0.50 then 'REGISTERED'
                       when x.r_status < 0.60 then 'ON_REVIEW' when x.r_status < 0.80 then 'ANSWERED' when x.r_status < 0.95 then 'CLOSED' else 'REDIRECTED' end
        end as status,
        x.received_at + x.allowed as due_at
      from generate_series(?::int, ?::int) g,
      lateral (
        select ref.channels[1 + floor(random() * 10)::int] as channel,
          ref.categories[c] as category_id, ref.category_sectors[c] as sector_id,
          ref.municipalities[1 + floor(power(random(), 2) * array_length(ref.municipalities, 1))::int] as municipality_id,
          ref.organizations[1 + floor(random() * array_length(ref.organizations, 1))::int] as organization_id,
          ref.users[1 + floor(random() * array_length(ref.users, 1))::int] as assignee_id,
          ?::timestamptz - random() * interval '730 days' as received_at,
          (10 + floor(random() * 21)::int) * interval '1 day' as allowed,
          random() as r_status, random() as r_score, random() as r_repeat, random() as r_answer,
          'ул. ' || ref.streets[1 + floor(random() * 6)::int] || ', д. ' || (1 + floor(random() * 80)::int) as address
        from bench_ref ref, lateral (select 1 + floor(random() * array_length(ref.categories, 1))::int as c) pick
        where g > 0
      ) x
    ) y,
    lateral (select case when status in ('CLOSED', 'ANSWERED', 'ON_REVIEW')
      then least(received_at + allowed * (0.05 + r_answer * 1.1), ?::timestamptz - interval '1 hour') end as answered_at) z`,
      [now, offset + 1, offset + size, now, now],
    );
  }
  // Real appeals arrive in time order, so a month's rows sit together on disk; random times would
  // scatter every month over the whole table and make each month's query read all of it.
  await exec(`cluster appeal using appeal_received_at_id_index`);
  // The audit-trail signals.
  await exec(`insert into appeal_event (id, appeal_id, type, at, actor_label, from_status, to_status, reason)
    select gen_random_uuid(), id, 'REDIRECTED', received_at + interval '2 hours', 'bench', 'ASSIGNED', 'REDIRECTED', 'по компетенции'
    from appeal where external_id like 'bench-%' and (status = 'REDIRECTED' or random() < 0.05)`);
  await exec(`insert into appeal_event (id, appeal_id, type, at, actor_label, reason, data)
    select gen_random_uuid(), id, 'ANSWER_REVIEWED', answered_at - interval '1 hour', 'bench', 'Ответ не по существу', '{"decision":"RETURN"}'
    from appeal where external_id like 'bench-%' and answered_at is not null and random() < 0.06`);
  await exec(`insert into appeal_event (id, appeal_id, type, at, actor_label, to_status, data)
    select gen_random_uuid(), id, 'ANSWERED', answered_at, 'bench', 'ANSWERED',
      jsonb_build_object('text', case when random() < 0.03 then 'Ваше обращение рассмотрено. Информация принята к сведению.'
        else 'Ответ по существу № ' || number end)
    from appeal where external_id like 'bench-%' and answered_at is not null`);
  await exec('analyze');
  console.log(`generated ${count} appeals and their events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
