import type { FeatureModule } from '../auth/feature-module.js';
import { DeadlineAlertResolver, LiveResolver } from './live.resolver.js';
import { liveAccess } from './live.access.js';

/** Subscriptions: committed appeal events and deadline alerts, each within the caller's scope. */
export const liveModule: FeatureModule = {
  name: 'live',
  resolvers: [LiveResolver, DeadlineAlertResolver],
  access: liveAccess,
};
