import type { FeatureModule } from '../auth/feature-module.js';
import { Role } from '../entities/enums.js';
import { BestPracticeResolver, RecommendationsResolver } from './recommendations.resolver.js';
import { RecommendationAnswerText } from './answer-text-rollup.entity.js';
import { RecommendationRepeat } from './repeat-rollup.entity.js';
import { RecommendationPractice } from './practice-rollup.entity.js';
import { RecommendationPage } from './page-rollup.entity.js';
import { RecommendationAnswerCount, RecommendationAnswerTotal } from './answer-total-rollup.entity.js';

/** Recommendations to the bodies and best practices (the decree, clause 8). */
export const recommendationsModule: FeatureModule = {
  name: 'recommendations',
  resolvers: [RecommendationsResolver, BestPracticeResolver],
  // The rule rollups, rebuilt with the analytics rollup's months (recommendation-rollup.ts).
  entities: [RecommendationAnswerText, RecommendationRepeat, RecommendationPractice, RecommendationPage, RecommendationAnswerTotal, RecommendationAnswerCount],
  access: {
    // An operator gets the recommendations to its own body (recommendations.service.ts).
    'Query.recommendations': [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ANALYST, Role.ADMIN, Role.ORG_OPERATOR],
    'Query.bestPractices': [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ANALYST, Role.ADMIN, Role.SECTOR_LEAD, Role.ORG_OPERATOR],
  },
};
