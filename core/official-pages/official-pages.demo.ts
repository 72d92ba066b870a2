import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import { pgQuery } from '../db/pg-query.js';
import { recordPageComment } from './official-page-comments.service.js';

const DAY = 86_400_000;

/**
 * Demo: an official page (VK) for every executive body and municipal
 * administration; the year's demo appeals of the social-media channel
 * become residents' comments on the page of their body; a year of the
 * bodies' posts, with a few pages left silent for the coordination list;
 * and a few fresh comments taken in through the real service. Idempotent,
 * and quick: set-based SQL for the history, the service for the last few.
 */
export async function seedOfficialPagesDemo(app: LifecycleServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  const [{ done }] = await pgQuery<{ done: boolean }>(em, 'select exists(select 1 from official_page_comment) as done', []);
  if (done) return;
  const now = app.clock.now();
  const yearAgo = new Date(now.getTime() - 365 * DAY);
  await pgQuery(
    em,
    `
    insert into official_page (id, organization_id, platform, url, handle, name, verified, created_at, updated_at)
    select gen_random_uuid(), o.id, 'VK', 'https://vk.com/demo_' || replace(o.code, '-', '_'), 'demo_' || replace(o.code, '-', '_'),
      o.short_name, (row_number() over (order by o.code)) % 4 <> 0, $1, $1
    from organization o where o.kind in ('EXECUTIVE_BODY', 'MUNICIPAL_ADMINISTRATION')
    on conflict do nothing`,
    [yearAgo],
  );
  // The year's social-media appeals as comments on the page of the body that answers them.
  await pgQuery(
    em,
    `
    insert into official_page_comment (id, page_id, comment_id, post_id, author_handle, posted_at, appeal_id, created_at)
    select gen_random_uuid(), p.id, 'demo-' || a.number, 'demo-post-' || (extract(doy from a.received_at))::int, 'resident' || (abs(hashtext(a.id::text)) % 5000), a.received_at, a.id, $2
    from appeal a join official_page p on p.organization_id = a.organization_id and p.url like 'https://vk.com/demo_%'
    where a.channel = 'SOCIAL_MEDIA' and a.received_at >= $1
    on conflict do nothing`,
    [yearAgo, now],
  );
  // Posts: about two a week per page; every fifth page stopped posting a month ago (a silent page).
  await pgQuery(
    em,
    `
    insert into official_page_post (id, page_id, post_id, published_at, title, created_at)
    select gen_random_uuid(), p.id, 'demo-' || g, $1::timestamptz + g * interval '3 days' + (abs(hashtext(p.id::text)) % 600) * interval '1 minute', 'Новости органа', $2
    from (select id, row_number() over (order by url) as n from official_page where url like 'https://vk.com/demo_%') p
    cross join generate_series(0, 120) g
    where $1::timestamptz + g * interval '3 days' < $2::timestamptz - case when p.n % 5 = 0 then interval '30 days' else interval '0 days' end
    on conflict do nothing`,
    [yearAgo, now],
  );
  // A few fresh comments through the lifecycle, as the monitoring integration sends them.
  const pages = await pgQuery<{ id: string }>(em, "select id from official_page where url like 'https://vk.com/demo_%' order by url limit 5", []);
  const texts = [
    'Когда починят освещение во дворе? Темно уже неделю.',
    'Спасибо за ремонт дороги на нашей улице!',
    'Во дворе не вывозят мусор третий день, контейнеры переполнены.',
  ];
  for (const [i, page] of pages.entries()) {
    await recordPageComment(
      app,
      em,
      { label: 'demo:monitoring' },
      {
        pageId: page.id,
        commentId: `demo-fresh-${i}`,
        postId: 'demo-post-fresh',
        authorHandle: `resident_fresh_${i}`,
        text: texts[i % texts.length]!,
        postedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
      },
    );
  }
}
