import { AppealResolver } from '../appeals/appeal.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { OrganizationResolver } from '../reference/organization.resolver.js';
import { CategoryResolver, SectorResolver } from '../reference/sector.resolver.js';
import { analyticsResolvers } from '../analytics/analytics-resolvers.js';

/** The core's resolver classes; plugins add theirs in the schema composition. */
export const coreResolvers = [AuthResolver, AppealResolver, OrganizationResolver, SectorResolver, CategoryResolver, ...analyticsResolvers] as const;
