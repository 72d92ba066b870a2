import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { LocalEventBus, type AppealEventListener, type CommittedAppealEvent, type EventBus } from './event-bus.js';
import { decodeEvents, encodeEvents } from './event-codec.js';

export interface RedisEventBusOptions {
  url: string;
  /** One channel per database, so that deployments sharing a Redis stay apart. */
  channel: string;
  logger: Logger;
}

/**
 * Committed events across processes over Redis pub/sub (REDIS_URL). The same
 * wire form as the PostgreSQL bus; ioredis reconnects and subscribes again on
 * its own. Like NOTIFY, pub/sub does not keep messages for a subscriber that
 * is away.
 */
export class RedisEventBus implements EventBus {
  private readonly local = new LocalEventBus();
  private readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(private readonly options: RedisEventBusOptions) {
    const settings = { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: 'cur-api-events' };
    this.publisher = new Redis(options.url, settings);
    this.subscriber = new Redis(options.url, settings);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error) => options.logger.warn({ err: error }, 'redis event bus connection error'));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== options.channel) return;
      const decoded = decodeEvents(message);
      if (!decoded) return options.logger.warn({ channel }, 'malformed event message ignored');
      if (decoded.origin !== this.origin) void this.local.publish(decoded.events);
    });
  }

  /** Connects both clients; start-up fails if Redis does not answer. */
  async start(): Promise<void> {
    try {
      await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
      await this.subscriber.subscribe(this.options.channel);
    } catch (error) {
      this.publisher.disconnect();
      this.subscriber.disconnect();
      throw error;
    }
  }

  async publish(events: readonly CommittedAppealEvent[]): Promise<void> {
    if (!events.length) return;
    await this.local.publish(events);
    for (const message of encodeEvents(this.origin, events)) await this.publisher.publish(this.options.channel, message);
  }

  subscribe(listener: AppealEventListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())));
    await this.local.close();
  }
}

/** `cur:appeal-events:<database>`: processes on one database share a channel. */
export function redisChannelFor(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'postgres';
  return `cur:appeal-events:${name}`;
}
