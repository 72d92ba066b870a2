import { ChannelRecord } from './channel-record.entity.js';
import { ImportJob } from './import-job.entity.js';
import { OfficialPage } from './official-page.entity.js';
import { SocialItem } from './social-item.entity.js';

export { ChannelRecord, ImportJob, OfficialPage, SocialItem };

/** The channels' tables (core modules, not sector plugins). */
export const channelEntities = [ImportJob, ChannelRecord, OfficialPage, SocialItem];
