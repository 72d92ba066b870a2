import { AppealResolver } from '../appeals/appeal.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { OrganizationResolver } from '../reference/organization.resolver.js';
import { CategoryResolver, SectorResolver } from '../reference/sector.resolver.js';
import { OfficialPageResolver } from '../channels/official-page.resolver.js';
import { ChannelRecordResolver } from '../channels/import-job.resolver.js';
import { ChannelIntakeResolver } from '../channels/channel-intake.resolver.js';
import { analyticsResolvers } from '../analytics/analytics-resolvers.js';

/** The core's resolver classes; plugins add theirs in the schema composition. */
export const coreResolvers = [
  AuthResolver, AppealResolver, OrganizationResolver, SectorResolver, CategoryResolver, OfficialPageResolver, ChannelRecordResolver,
  ...analyticsResolvers,
] as const;

/** Resolvers that take channel records into the lifecycle: in the schema only when the intake is wired. */
export const intakeResolvers = [ChannelIntakeResolver] as const;
