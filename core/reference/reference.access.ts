import { type Access, ALL_ROLES } from '../auth/access-matrix.js';

/** Reference data: bodies, municipalities, sectors, categories (rows of the one access matrix, core/auth/access-matrix.ts). */
export const referenceAccess: Readonly<Record<string, Access>> = {
  'Query.organizations': ALL_ROLES,
  'Query.organization': ALL_ROLES,
  'Query.municipalities': ALL_ROLES,
  'Query.sectors': ALL_ROLES,
  'Query.categories': ALL_ROLES,
};
