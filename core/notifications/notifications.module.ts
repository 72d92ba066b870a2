import type { FeatureModule } from '../auth/feature-module.js';
import { NotificationMessage } from './notification-message.entity.js';
import { OutboxItem } from './outbox-item.entity.js';
import { NotificationContact } from './notification-contact.entity.js';
import { DELIVERY_QUEUE, startDeliveryJob } from './delivery.job.js';
import { startStatusNotices } from './status-notices.js';
import { registerOptOutRoutes } from './opt-out.route.js';
import type { CoreServices } from '../config/core-services.js';
import type { EventBus } from '../events/event-bus.js';

/**
 * Notices to residents: one outbox in PostgreSQL for every feature that
 * writes to them (announcements, status notices of appeals), delivered by a
 * pg-boss job over e-mail (SMTP), an SMS gateway's webhook, records for the
 * ПОС and official-page integrations, or a dry run (docs/informing.md).
 */
export const notificationsModule: FeatureModule<CoreServices & { events: EventBus }> = {
  name: 'notifications',
  entities: [NotificationMessage, OutboxItem, NotificationContact],
  routes: registerOptOutRoutes,
  jobs: [startDeliveryJob, (app) => startStatusNotices(app)],
  // Created by the owner with the migrations: the API's role may not create pg-boss queues.
  queues: [DELIVERY_QUEUE],
};
