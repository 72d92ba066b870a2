import type { FeatureModule } from './feature-module.js';
import { User } from '../entities/user.entity.js';
import { ApiKey } from '../entities/api-key.entity.js';
import { PersonalDataAccess } from '../entities/personal-data-access.entity.js';
import { AuthResolver } from './auth.resolver.js';
import { UserAdminResolver } from './user-admin.resolver.js';
import { ApiKeyResolver } from './api-key.resolver.js';
import { PersonalDataLogResolver } from './personal-data-log.resolver.js';
import { authAccess } from './auth.access.js';

/** Sign-in and tokens, accounts, API keys, and the log of access to personal data (docs/access.md). */
export const authModule: FeatureModule = {
  name: 'auth',
  entities: [User, ApiKey, PersonalDataAccess],
  resolvers: [AuthResolver, UserAdminResolver, ApiKeyResolver, PersonalDataLogResolver],
  access: authAccess,
};
