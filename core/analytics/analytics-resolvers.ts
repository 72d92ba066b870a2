import { StatsResolver } from './stats.resolver.js';
import { RatingsResolver } from './ratings.resolver.js';

/** The analytics resolver classes, registered in core-resolvers. */
export const analyticsResolvers = [StatsResolver, RatingsResolver] as const;
