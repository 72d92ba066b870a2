import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { Channel, Role } from '../entities/enums.js';
import { registerAppeal } from '../lifecycle/register-appeal.service.js';
import { AnnouncementKind } from './announcement-enums.js';
import { createAnnouncement, moveAnnouncement } from './announcement.service.js';

/**
 * Demo: two published announcements (a water outage in Kozmodemyansk, road
 * works in Yoshkar-Ola) with new appeals they answered at intake, through the
 * real services. Delivery stays on the default dry run: nobody is written to.
 */
export async function seedAnnouncementsDemo(app: LifecycleServices): Promise<void> {
  // The demo must start whatever happens here: a failure is logged, not thrown.
  try {
    await seed(app);
  } catch (error) {
    app.logger.warn({ err: error }, 'demo announcements not seeded');
  }
}

async function seed(app: LifecycleServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  const [done] = await pgQuery(em, 'select 1 from announcement limit 1', []);
  if (done) return;
  const [specialist] = await pgQuery<{ id: string; organization_id: string | null }>(
    em,
    `select id, organization_id from app_user where email = 'specialist@demo.local'`,
    [],
  );
  const places = await pgQuery<{ id: string; code: string }>(em, `select id, code from municipality where code in ('kozmodemyansk', 'yoshkar-ola')`, []);
  const orgs = await pgQuery<{ id: string; municipality_id: string }>(
    em,
    `select id, municipality_id from organization where kind = 'MUNICIPAL_ADMINISTRATION' and municipality_id = any($1::uuid[])`,
    [places.map((p) => p.id)],
  );
  if (!specialist || places.length < 2) return;
  const user: AuthUser = { id: specialist.id, role: Role.CENTER_SPECIALIST, organizationId: specialist.organization_id, sectors: [] };
  const municipality = (code: string) => places.find((p) => p.code === code)!.id;
  const now = app.clock.now();
  const hour = 3_600_000;
  const drafts = [
    {
      kind: AnnouncementKind.OUTAGE,
      title: 'Отключение холодной воды в Козьмодемьянске',
      body: 'В связи с аварией на водоводе подача холодной воды приостановлена. Подвоз питьевой воды — у здания администрации с 9:00 до 20:00.',
      validFrom: new Date(now.getTime() - 6 * hour),
      validTo: new Date(now.getTime() + 42 * hour),
      audience: { municipalityIds: [municipality('kozmodemyansk')], categories: ['housing.water-supply'] },
      appeals: ['в Козьмодемьянске опять вода не идёт', 'Козьмодемьянск, второй день нет воды в доме, когда дадут?'],
    },
    {
      kind: AnnouncementKind.WORKS,
      title: 'Ремонт дороги на улице Панфилова',
      body: 'Ведётся ремонт дорожного покрытия, движение по улице Панфилова ограничено до окончания работ.',
      validFrom: new Date(now.getTime() - 24 * hour),
      validTo: new Date(now.getTime() + 14 * 24 * hour),
      audience: { municipalityIds: [municipality('yoshkar-ola')], streets: ['ул. Панфилова'], sectors: ['roads'] },
      appeals: ['Йошкар-Ола, на улице Панфилова перекопали дорогу, ямы по всей проезжей части'],
    },
  ];
  let matched = 0;
  for (const [i, draft] of drafts.entries()) {
    const { appeals, ...input } = draft;
    const organizationId = orgs.find((o) => o.municipality_id === input.audience.municipalityIds[0])?.id ?? null;
    let a = await createAnnouncement(app, em.fork() as EntityManager, user, { ...input, organizationId });
    a = await moveAnnouncement(app, em.fork() as EntityManager, user, { id: a.id, move: 'approve', expectedVersion: a.version });
    await moveAnnouncement(app, em.fork() as EntityManager, user, { id: a.id, move: 'publish', expectedVersion: a.version });
    for (const [j, text] of appeals.entries()) {
      await registerAppeal(
        app,
        em.fork() as EntityManager,
        { label: 'demo' },
        {
          channel: Channel.SOCIAL_MEDIA,
          externalId: `demo-announcement-${i}-${j}`,
          text,
          receivedAt: new Date(now.getTime() - (j + 1) * 60_000),
          author: { name: 'Житель', email: `resident${i}${j}@demo.local`, notifyConsent: true },
        },
      );
      matched++;
    }
  }
  app.logger.info({ announcements: drafts.length, appeals: matched }, 'demo announcements published');
}
