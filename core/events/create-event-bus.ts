import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { LocalEventBus, type EventBus } from './event-bus.js';
import { PgNotifyEventBus } from './pg-notify-event-bus.js';
import { RedisEventBus, redisChannelFor } from './redis-event-bus.js';

/**
 * The bus named by EVENT_BUS: `pg` (default; LISTEN/NOTIFY on the shared
 * database), `redis` (REDIS_URL), or `local` (one process only).
 */
export async function createEventBus(config: Config, databaseUrl: string, orm: MikroORM, logger: Logger): Promise<EventBus> {
  if (config.eventBus === 'local') return new LocalEventBus();
  if (config.eventBus === 'redis') {
    const bus = new RedisEventBus({ url: config.REDIS_URL!, channel: redisChannelFor(databaseUrl), logger });
    await bus.start();
    return bus;
  }
  const bus = new PgNotifyEventBus({
    url: databaseUrl,
    execute: (sql, params) => orm.em.getConnection().execute(sql, params),
    logger,
  });
  await bus.start();
  return bus;
}
