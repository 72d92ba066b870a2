import { StatsResolver } from './stats.resolver.js';

/** The analytics resolver classes, registered in core-resolvers. */
export const analyticsResolvers = [StatsResolver] as const;
