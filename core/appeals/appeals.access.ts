import { type Access, READERS } from '../auth/access-matrix.js';

/** Reading appeals (rows of the one access matrix, core/auth/access-matrix.ts). */
export const appealsAccess: Readonly<Record<string, Access>> = {
  'Query.appeals': READERS,
  'Query.appeal': READERS,
  'Query.appealByNumber': READERS,
};
