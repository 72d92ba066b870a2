import type { EntityManager } from '@mikro-orm/postgresql';
import { renewScope, type RequestContext, type ScopeLoaders } from '../auth/request-context.js';
import { Appeal } from '../entities/appeal.entity.js';
import type { CommittedAppealEvent } from '../events/event-bus.js';
import { batchById, Loaders } from '../reference/cache/loaders.js';
import { BoundedSubscription } from './bounded-subscription.js';
import { canSeeEvent, matchesFilter, type LiveEventFilter, type LiveScope } from './event-visibility.js';
import type { LiveDelivery, LiveFeed, LiveSubscriber } from './live-feed.js';
import { SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON } from './live-connection.js';
import type { LiveServices } from './subscribe-live.js';

/** The queue's options by its bound: one frozen object for all subscriptions, not one each (memory per subscriber). */
const queueOptionsByBound = new Map<number, Readonly<{ maxQueue: number }>>();
function queueOptions(maxQueue: number): Readonly<{ maxQueue: number }> {
  let options = queueOptionsByBound.get(maxQueue);
  if (!options) queueOptionsByBound.set(maxQueue, (options = Object.freeze({ maxQueue })));
  return options;
}

/** What a subscription receives, fixed when it subscribes. */
export interface LiveSubscriptionTerms {
  field: 'appealEvents' | 'deadlineAlerts';
  /** Only these event types (the alert stream); null: every type. */
  types: ReadonlySet<string> | null;
  scope: LiveScope;
  filter: LiveEventFilter;
}

/**
 * One live subscription: the feed's subscriber (filter and scope on each
 * event's facts), its bounded queue, and the scope its events are resolved
 * in. One object with its methods on the prototype, rather than a dozen
 * closures: what an idle subscriber costs is what it holds (memory per
 * subscriber, docs/live-updates.md).
 */
export class LiveSubscription extends BoundedSubscription<LiveDelivery> implements LiveSubscriber, ScopeLoaders {
  /** The event being resolved: the appeal it loaded is primed into the loaders of its scope. */
  private delivery: LiveDelivery | null = null;
  private readonly live: LiveFeed;
  private readonly field: LiveSubscriptionTerms['field'];
  private readonly types: ReadonlySet<string> | null;
  private readonly scope: LiveScope;
  private readonly filter: LiveEventFilter;

  constructor(
    private readonly ctx: RequestContext<LiveServices>,
    terms: LiveSubscriptionTerms,
  ) {
    super(queueOptions(ctx.app.config.WS_MAX_QUEUE));
    this.live = ctx.app.live;
    ({ field: this.field, types: this.types, scope: this.scope, filter: this.filter } = terms);
    this.live.add(this);
    // An idle subscription keeps no EntityManager of its own (memory per subscriber).
    renewScope(ctx);
  }

  accepts(facts: CommittedAppealEvent): boolean {
    return (!this.types || this.types.has(facts.type)) && canSeeEvent(this.scope, facts) && matchesFilter(this.filter, facts);
  }

  override push(delivery: LiveDelivery): boolean {
    const taken = super.push(delivery);
    if (this.maxDepth > this.live.stats.maxQueueDepth) this.live.stats.maxQueueDepth = this.maxDepth;
    return taken;
  }

  end(): void {
    void this.return();
  }

  /**
   * A fresh EntityManager and fresh loaders for the event about to be
   * resolved, both made only if a resolver asks for them: most events need
   * no EntityManager and a subscriber whose class shares a result needs
   * neither. Only the by-id loaders of reference data (no access logic in
   * them) are shared by the subscribers of one event.
   */
  protected override prepare(delivery: LiveDelivery): void {
    this.delivery = delivery;
    renewScope(this.ctx, this);
  }

  loadersFor(em: () => EntityManager): Loaders {
    const delivery = this.delivery;
    const loaders = new Loaders(em, delivery?.reference);
    if (delivery) loaders.named<string, Appeal>('appeal', batchById(Appeal)).prime(delivery.appeal.id, delivery.appeal);
    return loaders;
  }

  protected override overflowed(): void {
    const { ctx, live } = this;
    const maxQueue = ctx.app.config.WS_MAX_QUEUE;
    live.stats.overflows++;
    ctx.app.logger.warn({ userId: ctx.user?.id, field: this.field, maxQueue }, 'live updates: subscriber too slow, closing its socket');
    ctx.connection?.close(SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON);
  }

  protected override onEnd(): void {
    this.delivery = null;
    this.live.remove(this);
  }
}
