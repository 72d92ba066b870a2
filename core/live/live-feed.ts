import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.js';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealEvent } from '../entities/appeal-event.entity.js';
import type { CommittedAppealEvent, EventBus } from '../events/event-bus.js';
import { Loaders, type ReferenceLoaders } from '../reference/cache/loaders.js';
import type { SharedResults } from './shared-execution.js';

/** The most events read in one batch (two `in (…)` reads); more wait for the next. */
const MAX_BATCH = 500;

/** One committed event, loaded, on its way to its subscribers (one object for all of them). */
export interface LiveDelivery extends SharedResults {
  facts: CommittedAppealEvent;
  event: AppealEvent;
  /** The appeal as loaded just after the event arrived; shared read-only by every subscriber. */
  appeal: Appeal;
  /** By-id loaders of reference data, shared by the subscribers of this batch. */
  reference: ReferenceLoaders;
}

export interface LiveSubscriber {
  /** Filter and access on the event's routing facts: cheap, no database. */
  accepts(facts: CommittedAppealEvent): boolean;
  push(delivery: LiveDelivery): void;
  end(): void;
}

/**
 * The process's one consumer of the event bus, and its fan-out to the
 * subscriptions of this process. An event nobody here wants is never loaded;
 * the others are loaded once per batch (two queries, whatever the number of
 * events and subscribers) and handed to each subscription that accepts it.
 * A push never waits for a subscriber, so a slow one cannot hold back the rest.
 */
export class LiveFeed {
  private readonly subscribers = new Set<LiveSubscriber>();
  private pending: CommittedAppealEvent[] = [];
  private receivedAt: number[] = [];
  private scheduled = false;
  /** A batch is being read or handed out; what arrives meanwhile waits for the next one. */
  private reading = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  /**
   * Batches loaded, events pushed to subscriptions, subscriptions closed for slowness, the deepest queue seen;
   * milliseconds spent waiting for batches to load and handing them out (the writes to sockets follow in microtasks),
   * the sum over batches of the time their first event waited from receipt to the start of its read, and events read.
   */
  readonly stats = { batches: 0, pushed: 0, overflows: 0, maxQueueDepth: 0, loadMs: 0, fanOutMs: 0, waitMs: 0, events: 0 };

  constructor(
    private readonly orm: MikroORM,
    bus: EventBus,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = bus.subscribe((facts) => this.offer(facts));
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  add(subscriber: LiveSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.remove(subscriber);
  }

  remove(subscriber: LiveSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** Resolves once every event received so far has been handed out. */
  async settled(): Promise<void> {
    while (this.scheduled || this.reading || this.pending.length) await new Promise((resolve) => setImmediate(resolve));
    await this.chain;
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.settled();
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
  }

  private offer(facts: CommittedAppealEvent): void {
    if (!this.wanted(facts)) return;
    this.pending.push(facts);
    this.receivedAt.push(performance.now());
    if (this.scheduled || this.reading) return;
    this.scheduled = true;
    // Events that arrive in the same turn (one transaction, one notification) load together.
    setImmediate(() => {
      this.scheduled = false;
      this.chain = this.chain.then(() => this.drain()).catch((error) => this.logger.error({ err: error }, 'live updates: delivery failed'));
    });
  }

  /**
   * One read at a time, and everything that arrived during a read goes into
   * the next one: under load (a read as long as the gap between commits) the
   * batches grow instead of queueing behind each other, one read each. Events
   * are handed out in the order they arrived, so per appeal in commit order.
   */
  private async drain(): Promise<void> {
    this.reading = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, MAX_BATCH);
        const received = this.receivedAt.splice(0, batch.length);
        this.stats.waitMs += batch.length ? performance.now() - received[0] : 0;
        // A batch that fails is logged and the next ones still go out.
        await this.deliver(batch).catch((error) => this.logger.error({ err: error }, 'live updates: delivery failed'));
      }
    } finally {
      this.reading = false;
    }
  }

  private wanted(facts: CommittedAppealEvent): boolean {
    for (const subscriber of this.subscribers) if (subscriber.accepts(facts)) return true;
    return false;
  }

  private async deliver(batch: CommittedAppealEvent[]): Promise<void> {
    const started = performance.now();
    const em = this.orm.em.fork() as EntityManager;
    // Two reads at once (two pool connections): one round trip of latency, not two.
    const [events, appeals] = await Promise.all([
      em.find(AppealEvent, { id: { $in: batch.map((f) => f.eventId) } }),
      em.find(Appeal, { id: { $in: [...new Set(batch.map((f) => f.appealId))] } }),
    ]);
    const loaded = performance.now();
    this.stats.batches++;
    this.stats.events += batch.length;
    this.stats.loadMs += loaded - started;
    const reference = new Loaders(em);
    const eventById = new Map(events.map((e) => [e.id, e]));
    const appealById = new Map(appeals.map((a) => [a.id, a]));
    for (const facts of batch) {
      const event = eventById.get(facts.eventId);
      const appeal = appealById.get(facts.appealId);
      if (!event || !appeal) {
        this.logger.warn({ eventId: facts.eventId }, 'live updates: a published event is not in the database');
        continue;
      }
      // One delivery object for every subscriber: results computed for one access class are kept on it (shared-execution.ts).
      const delivery: LiveDelivery = { facts, event, appeal, reference };
      for (const subscriber of [...this.subscribers]) {
        if (!subscriber.accepts(facts)) continue;
        subscriber.push(delivery);
        this.stats.pushed++;
      }
    }
    this.stats.fanOutMs += performance.now() - loaded;
  }
}
