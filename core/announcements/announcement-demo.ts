import type { EntityManager } from '@mikro-orm/postgresql';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { Channel, Role } from '../entities/enums.js';
import { registerAppeal } from '../lifecycle/register-appeal.service.js';
import { AnnouncementKind } from './announcement-enums.js';
import { createAnnouncement, moveAnnouncement } from './announcement.service.js';

/**
 * Demo: the announcements the region pack lists (demo-announcements.json),
 * published, with the new appeals they answered at intake, through the real
 * services. Delivery stays on the default dry run: nobody is written to.
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
  const listed = app.region.demo.announcements;
  const em = app.orm.em.fork() as EntityManager;
  const [done] = await pgQuery(em, 'select 1 from announcement limit 1', []);
  if (done || listed.length === 0) return;
  const [specialist] = await pgQuery<{ id: string; organization_id: string | null }>(
    em,
    `select id, organization_id from app_user where email = 'specialist@demo.local'`,
    [],
  );
  const codes = [...new Set(listed.map((a) => a.municipalityCode))];
  const places = await pgQuery<{ id: string; code: string }>(em, `select id, code from municipality where code = any($1::text[])`, [codes]);
  const orgs = await pgQuery<{ id: string; municipality_id: string }>(
    em,
    `select id, municipality_id from organization where kind = 'MUNICIPAL_ADMINISTRATION' and municipality_id = any($1::uuid[])`,
    [places.map((p) => p.id)],
  );
  if (!specialist || places.length < codes.length) return;
  const user: AuthUser = { id: specialist.id, role: Role.CENTER_SPECIALIST, organizationId: specialist.organization_id, sectors: [] };
  const municipality = (code: string) => places.find((p) => p.code === code)!.id;
  const now = app.clock.now();
  const hour = 3_600_000;
  let matched = 0;
  for (const [i, { kind, municipalityCode, validFromHours, validToHours, categories, sectors, streets, appeals, ...text }] of listed.entries()) {
    const municipalityId = municipality(municipalityCode);
    const input = {
      ...text,
      kind: AnnouncementKind[kind],
      validFrom: new Date(now.getTime() + validFromHours * hour),
      validTo: new Date(now.getTime() + validToHours * hour),
      audience: { municipalityIds: [municipalityId], categories, sectors, streets },
      organizationId: orgs.find((o) => o.municipality_id === municipalityId)?.id ?? null,
    };
    let a = await createAnnouncement(app, em.fork() as EntityManager, user, input);
    a = await moveAnnouncement(app, em.fork() as EntityManager, user, { id: a.id, move: 'approve', expectedVersion: a.version });
    await moveAnnouncement(app, em.fork() as EntityManager, user, { id: a.id, move: 'publish', expectedVersion: a.version });
    for (const [j, appealText] of appeals.entries()) {
      await registerAppeal(
        app,
        em.fork() as EntityManager,
        { label: 'demo' },
        {
          channel: Channel.SOCIAL_MEDIA,
          externalId: `demo-announcement-${i}-${j}`,
          text: appealText,
          receivedAt: new Date(now.getTime() - (j + 1) * 60_000),
          author: { name: 'Житель', email: `resident${i}${j}@demo.local`, notifyConsent: true },
        },
      );
      matched++;
    }
  }
  app.logger.info({ announcements: listed.length, appeals: matched }, 'demo announcements published');
}
