import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { LocalEventBus, type AppealEventListener, type CommittedAppealEvent, type EventBus } from './event-bus.js';
import { decodeEvents, encodeEvents } from './event-codec.js';

export interface PgNotifyEventBusOptions {
  /** The database every API process shares. */
  url: string;
  /** Runs `select pg_notify(?, ?)` on the application's pool. */
  execute: (sql: string, params: unknown[]) => Promise<unknown>;
  logger: Logger;
  channel?: string;
}

export const PG_EVENT_CHANNEL = 'cur_appeal_events';
/** The listener's application_name, so that it can be found in pg_stat_activity. */
export const PG_LISTENER_NAME = 'cur-api-events';
const MAX_BACKOFF_MS = 5_000;

/**
 * Committed events across processes over PostgreSQL LISTEN/NOTIFY, so no
 * extra service is needed. The publishing process hands events to its own
 * subscribers at once and ignores its own notifications; the others get them
 * through a dedicated connection that reconnects with backoff. Notifications
 * sent while a listener is reconnecting are lost for that process: live
 * updates are a feed, the audit trail (`Appeal.history`) is the record.
 */
export class PgNotifyEventBus implements EventBus {
  private readonly local = new LocalEventBus();
  private readonly origin = randomUUID();
  private readonly channel: string;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** How many times the listener connection was lost and made again. */
  reconnects = 0;

  constructor(private readonly options: PgNotifyEventBusOptions) {
    this.channel = options.channel ?? PG_EVENT_CHANNEL;
  }

  /** Connects the listener; start-up fails if the database does not answer. */
  async start(): Promise<void> {
    this.client = await this.listen();
  }

  async publish(events: readonly CommittedAppealEvent[]): Promise<void> {
    if (!events.length) return;
    await this.local.publish(events);
    for (const message of encodeEvents(this.origin, events)) {
      await this.options.execute('select pg_notify(?, ?)', [this.channel, message]);
    }
  }

  notifications(events: readonly CommittedAppealEvent[]): { channel: string; messages: string[] } {
    return { channel: this.channel, messages: encodeEvents(this.origin, events) };
  }

  async publishLocal(events: readonly CommittedAppealEvent[]): Promise<void> {
    await this.local.publish(events);
  }

  subscribe(listener: AppealEventListener): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.local.close();
  }

  private async listen(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: PG_LISTENER_NAME });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      const decoded = decodeEvents(message.payload);
      if (!decoded) return this.options.logger.warn({ channel: this.channel }, 'malformed event notification ignored');
      if (decoded.origin !== this.origin) void this.local.publish(decoded.events);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`listen ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    this.options.logger.warn({ err: error }, 'event listener connection lost; reconnecting');
    void client.end().catch(() => undefined);
    this.reconnect(100);
  }

  private reconnect(delayMs: number): void {
    this.retry = setTimeout(async () => {
      this.retry = null;
      if (this.closed) return;
      try {
        const client = await this.listen();
        if (this.closed) return void client.end().catch(() => undefined);
        this.client = client;
        this.reconnects++;
        this.options.logger.info({ reconnects: this.reconnects }, 'event listener reconnected');
      } catch (error) {
        this.options.logger.warn({ err: error, retryInMs: delayMs }, 'event listener cannot reconnect yet');
        this.reconnect(Math.min(delayMs * 2, MAX_BACKOFF_MS));
      }
    }, delayMs);
    this.retry.unref();
  }
}
