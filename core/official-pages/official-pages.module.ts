import type { FeatureModule } from '../auth/feature-module.js';
import { Role } from '../entities/enums.js';
import { CENTER, PROCESSORS, READERS } from '../auth/access-matrix.js';
import { OfficialPageComment } from './official-page-comment.entity.js';
import { OfficialPagePost } from './official-page-post.entity.js';
import { OfficialPagesResolver } from './official-pages.resolver.js';
import { seedOfficialPagesDemo } from './official-pages.demo.js';
import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';

/**
 * The bodies' official pages (госпаблики; the decree, clause 8): residents'
 * comments as appeals, the bodies' posts, metrics, the rating and the silent
 * pages. The registry's table (official-page.entity.ts) sits here, below the
 * channels and their social adapter that link comments to it; the channels
 * list it and serve the registry (core/channels/official-page.resolver.ts).
 */
export const officialPagesModule: FeatureModule<LifecycleServices> = {
  name: 'official-pages',
  entities: [OfficialPageComment, OfficialPagePost],
  resolvers: [OfficialPagesResolver],
  access: {
    // The monitoring integration and the ЦУР's staff take comments in.
    'Mutation.recordOfficialPageComment': [Role.INTEGRATION, ...PROCESSORS],
    'Mutation.recordOfficialPagePost': [Role.INTEGRATION, ...PROCESSORS],
    'Query.officialPageRatings': READERS,
    'Query.silentOfficialPages': [...CENTER, Role.ANALYST],
  },
  seedDemo: seedOfficialPagesDemo,
};
