import type { FeatureModule } from '../auth/feature-module.js';
import { ChannelRecord } from './channel-record.entity.js';
import { ImportJob } from './import-job.entity.js';
import { OfficialPage } from '../official-pages/official-page.entity.js';
import { SocialItem } from './social-item.entity.js';
import { OfficialPageResolver } from './official-page.resolver.js';
import { ChannelRecordResolver } from './import-job.resolver.js';
import { ChannelIntakeResolver } from './channel-intake.resolver.js';
import { channelsAccess } from './channels.access.js';

/** Channels: imports, channel records, the registry of official pages (docs/channels.md). */
export const channelsModule: FeatureModule = {
  name: 'channels',
  entities: [ImportJob, ChannelRecord, OfficialPage, SocialItem],
  resolvers: [OfficialPageResolver, ChannelRecordResolver],
  access: channelsAccess,
};

/** Resolvers that take channel records into the lifecycle: in the schema only when the intake is wired. */
export const channelIntakeResolvers = [ChannelIntakeResolver] as const;
