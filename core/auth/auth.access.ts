import { type Access, ALL_ROLES, ADMINS, OVERSIGHT } from './access-matrix.js';

/** Sign-in, accounts, API keys and the personal-data log (rows of the one access matrix, core/auth/access-matrix.ts). */
export const authAccess: Readonly<Record<string, Access>> = {
  'Mutation.login': 'PUBLIC',
  'Mutation.changePassword': ALL_ROLES,
  'Query.me': ALL_ROLES,
  'Query.users': OVERSIGHT,
  'Mutation.createUser': ADMINS,
  'Mutation.updateUser': ADMINS,
  'Mutation.deactivateUser': ADMINS,
  'Query.apiKeys': ADMINS,
  'Mutation.createApiKey': ADMINS,
  'Mutation.revokeApiKey': ADMINS,
  'Query.personalDataAccessLog': OVERSIGHT,
};
