import { AppealResolver } from '../appeals/appeal.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { UserAdminResolver } from '../auth/user-admin.resolver.js';
import { ApiKeyResolver } from '../auth/api-key.resolver.js';
import { PersonalDataLogResolver } from '../auth/personal-data-log.resolver.js';
import { OrganizationResolver } from '../reference/organization.resolver.js';
import { CategoryResolver, SectorResolver } from '../reference/sector.resolver.js';

/** The core's resolver classes; plugins add theirs in the schema composition. */
export const coreResolvers = [AuthResolver, AppealResolver, OrganizationResolver, SectorResolver, CategoryResolver, UserAdminResolver, ApiKeyResolver, PersonalDataLogResolver] as const;
