import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { AppealTransactionServices } from '../events/appeal-transaction.js';
import type { WorkingCalendar } from '../deadlines/index.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import type { RegionPack } from '../region/index.js';
import type { AppealStructurer } from '../structuring/structurer.js';
import type { PreparedAppeal } from './intake-types.js';
import type { ReferenceDirectory } from './reference-directory.js';

/**
 * Finds, for the appeals registered in one transaction, the published
 * announcement that answers each and plans its audit entry. The
 * announcements feature provides it (core/announcements/intake-matching.ts);
 * the composition root hands it to the lifecycle, which does not import
 * the announcements.
 */
export type AnnouncementMatcher = (
  app: { structurer: AppealStructurer; config: CoreServices['config'] },
  em: EntityManager,
) => Promise<(prepared: PreparedAppeal, directory: ReferenceDirectory) => void>;

/** What the appeal lifecycle (intake, actions, imports, satisfaction links) uses of the app's services. */
export interface LifecycleServices extends CoreServices, AppealTransactionServices {
  /** The enabled plugins: their categories, details, rules and hooks. */
  plugins: SectorPlugin[];
  /** The region served: its municipalities and bodies. */
  region: RegionPack;
  /** Working days from the production calendar stored in the database. */
  calendar: WorkingCalendar;
  /** Finds sector, category, municipality and a summary in free text. */
  structurer: AppealStructurer;
  matchAnnouncements: AnnouncementMatcher;
}
