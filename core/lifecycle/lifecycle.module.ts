import type { FeatureModule } from '../auth/feature-module.js';
import { IntakeResolver } from './intake.resolver.js';
import { AppealActionsResolver } from './appeal-actions.resolver.js';
import { SatisfactionResolver } from './satisfaction.resolver.js';
import { AppealLifecycleFieldsResolver, AppealResponseFieldsResolver } from './appeal-lifecycle-fields.resolver.js';
import { lifecycleAccess } from './lifecycle.access.js';

/** The appeal lifecycle: intake and import, the status machine's actions, ratings (docs/lifecycle.md). */
export const lifecycleModule: FeatureModule = {
  name: 'lifecycle',
  resolvers: [IntakeResolver, AppealActionsResolver, SatisfactionResolver, AppealLifecycleFieldsResolver, AppealResponseFieldsResolver],
  access: lifecycleAccess,
};
