import type { FeatureModule } from '../auth/feature-module.js';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import { AppealResponse } from '../entities/response.entity.js';
import { AppealResolver } from './appeal.resolver.js';
import { AppealEventResolver } from '../events/appeal-event.resolver.js';
import { appealsAccess } from './appeals.access.js';

/** Appeals as read: the list with filters and pagination, one appeal, its audit trail and answers. */
export const appealsModule: FeatureModule = {
  name: 'appeals',
  entities: [Appeal, AppealEvent, AppealResponse],
  resolvers: [AppealResolver, AppealEventResolver],
  access: appealsAccess,
};
