import { AppealResolver } from '../appeals/appeal.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { OrganizationResolver } from '../reference/organization.resolver.js';
import { CategoryResolver, SectorResolver } from '../reference/sector.resolver.js';
import { AppealEventResolver } from '../events/appeal-event.resolver.js';
import { DeadlineAlertResolver, LiveResolver } from '../live/live.resolver.js';

/** The core's resolver classes; plugins add theirs in the schema composition. */
export const coreResolvers = [AuthResolver, AppealResolver, OrganizationResolver, SectorResolver, CategoryResolver,
  AppealEventResolver, LiveResolver, DeadlineAlertResolver] as const;
