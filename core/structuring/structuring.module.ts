import type { FeatureModule } from '../auth/feature-module.js';
import { StructuringFeedback } from './structuring-feedback.entity.js';

/**
 * Structuring of appeal texts (decree clause 5). The structurer itself is a service of the
 * app (core/server/start-app.ts); this module owns the specialists' feedback table.
 */
export const structuringModule: FeatureModule = {
  name: 'structuring',
  entities: [StructuringFeedback],
};
