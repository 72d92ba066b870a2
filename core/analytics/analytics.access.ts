import { type Access, READERS, CENTER } from '../auth/access-matrix.js';

/** Analytics (rows of the one access matrix, core/auth/access-matrix.ts). */
export const analyticsAccess: Readonly<Record<string, Access>> = {
  // Analytics (core/analytics): every reader, scoped to the appeals the role may see.
  'Query.stats': READERS,
  'Query.ratings': READERS,
  'Query.workload': READERS,
  'Query.conflicts': READERS,
  'Query.problems': READERS,
  'Mutation.detectProblems': CENTER,
  'Mutation.createProblem': CENTER,
  'Mutation.updateProblem': CENTER,
};
