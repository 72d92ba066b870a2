import { Role } from '../entities/enums.js';
import { type Access, READERS, CENTER } from '../auth/access-matrix.js';

/** Channels (rows of the one access matrix, core/auth/access-matrix.ts). */
export const channelsAccess: Readonly<Record<string, Access>> = {
  // Channels (issue #8): the registry of official pages is kept by the ЦУР (decree clause 8).
  'Query.officialPages': READERS,
  'Query.officialPage': READERS,
  'Mutation.createOfficialPage': CENTER,
  'Mutation.updateOfficialPage': CENTER,
  'Mutation.deleteOfficialPage': CENTER,
  'Query.importJob': [...CENTER, Role.INTEGRATION],
  'Query.channelRecords': CENTER,
  'Mutation.retryChannelRecords': CENTER,
  'Mutation.registerLetter': [Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN],
};
