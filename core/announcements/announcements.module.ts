import type { FeatureModule } from '../auth/feature-module.js';
import { Role } from '../entities/enums.js';
import { READERS } from '../auth/access-matrix.js';
import { Announcement } from './announcement.entity.js';
import { AnnouncementEvent } from './announcement-event.entity.js';
import { AppealAnnouncement } from './appeal-announcement.entity.js';
import { AnnouncementResolver } from './announcement.resolver.js';
import { registerPublicAnnouncementRoutes } from './public-announcements.route.js';
import { seedAnnouncementsDemo } from './announcement-demo.js';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';

/** The ЦУР's staff who approve, publish and withdraw (decree No. 335, clause 7: the center informs). */
const CENTER_STAFF = [Role.CENTER_SPECIALIST, Role.CENTER_HEAD] as const;

/**
 * Informing (decree No. 335, clauses 7 and 8): targeted announcements, the
 * first answer to the appeals about them at intake, and their delivery
 * through the notifications outbox (docs/informing.md).
 */
export const announcementsModule: FeatureModule<LifecycleServices> = {
  name: 'announcements',
  entities: [Announcement, AnnouncementEvent, AppealAnnouncement],
  resolvers: [AnnouncementResolver],
  access: {
    'Query.announcements': READERS,
    'Query.announcement': READERS,
    // For the region's sites and widgets: anonymous, rate-limited, no personal data.
    'Query.publicAnnouncements': 'PUBLIC',
    // Drafting: the ЦУР, the sector blocks within their sectors, a body's operators for their body (announcement.rules.ts).
    'Mutation.createAnnouncement': [...CENTER_STAFF, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.ORG_OPERATOR],
    'Mutation.approveAnnouncement': CENTER_STAFF,
    'Mutation.publishAnnouncement': CENTER_STAFF,
    'Mutation.withdrawAnnouncement': CENTER_STAFF,
    // Closing an appeal with the announcement that answered it: the ЦУР's staff as the status machine names them (sector staff within their sectors).
    'Mutation.closeAppealByAnnouncement': [...CENTER_STAFF, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST],
  },
  routes: registerPublicAnnouncementRoutes,
  seedDemo: seedAnnouncementsDemo,
};
