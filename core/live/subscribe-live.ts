import { checkAccess } from '../auth/access-guard.js';
import { liveAccess } from './live.access.js';
import { subordinateOrganizations } from '../auth/appeal-scope.js';
import { query } from '../db/sql.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { Appeal } from '../entities/appeal.entity.js';
import { badInput } from '../errors/errors.js';
import { setLazyScope, type RequestContext } from '../auth/request-context.js';
import { batchById, Loaders } from '../reference/cache/loaders.js';
import type { AppealEventFilter } from './appeal-event-filter.input.js';
import { BoundedSubscription } from './bounded-subscription.js';
import { canSeeEvent, liveScopeFor, matchesFilter, type LiveEventFilter, type LiveScope } from './event-visibility.js';
import type { LiveDelivery } from './live-feed.js';
import { SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON } from './live-connection.js';
import type { CoreServices } from '../config/core-services.js';
import type { LiveFeed } from './live-feed.js';

/** What a live subscription uses: the core's services, this process's feed and the enabled sectors' codes. */
export interface LiveServices extends CoreServices {
  live: LiveFeed;
  plugins: readonly { readonly code: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LiveSubscribeOptions {
  /** The root field, for the access matrix: `Subscription.<field>`. */
  field: 'appealEvents' | 'deadlineAlerts';
  filter: AppealEventFilter | null | undefined;
  /** Only these event types (the alert stream); null: every type. */
  types: ReadonlySet<string> | null;
}

/**
 * Starts one subscription: access checked now (the access guard wraps only
 * `resolve`), the caller's scope fixed now, then filter and scope applied to
 * every event. Each event is resolved with a fresh EntityManager and fresh
 * DataLoaders, so nothing cached for one event leaks into the next; only the
 * by-id loaders of reference data (no access logic in them) are shared by
 * the subscribers of one event.
 */
export async function subscribeLive(ctx: RequestContext<LiveServices>, options: LiveSubscribeOptions): Promise<AsyncIterableIterator<LiveDelivery>> {
  checkAccess(liveAccess, `Subscription.${options.field}`, ctx);
  const user = ctx.user!;
  const filter = readFilter(
    options.filter,
    ctx.app.plugins.map((p) => p.code),
  );
  const scope = await scopeOf(ctx, user);
  const { live, config } = ctx.app;
  let remove = () => {};
  const subscription = new BoundedSubscription<LiveDelivery>({
    maxQueue: config.WS_MAX_QUEUE,
    onOverflow: () => {
      live.stats.overflows++;
      ctx.app.logger.warn({ userId: user.id, field: options.field, maxQueue: config.WS_MAX_QUEUE }, 'live updates: subscriber too slow, closing its socket');
      ctx.connection?.close(SLOW_SUBSCRIBER_CLOSE_CODE, SLOW_SUBSCRIBER_REASON);
    },
    onEnd: () => remove(),
    prepare: (delivery) => renewScope(ctx, delivery),
  });
  remove = live.add({
    accepts: (facts) => (!options.types || options.types.has(facts.type)) && canSeeEvent(scope, facts) && matchesFilter(filter, facts),
    push: (delivery) => {
      subscription.push(delivery);
      if (subscription.maxDepth > live.stats.maxQueueDepth) live.stats.maxQueueDepth = subscription.maxDepth;
    },
    end: () => void subscription.return(),
  });
  // An idle subscription keeps no EntityManager of its own (memory per subscriber).
  renewScope(ctx);
  ctx.app.logger.debug({ userId: user.id, role: user.role, field: options.field }, 'live updates: subscribed');
  return subscription;
}

/**
 * A fresh EntityManager and fresh loaders for the event about to be resolved,
 * both made only if a resolver asks for them: most events need no
 * EntityManager, a subscriber whose class shares a result needs neither,
 * and an idle subscription keeps none (memory per subscriber).
 */
function renewScope(ctx: RequestContext<LiveServices>, delivery?: LiveDelivery): void {
  setLazyScope(ctx, (fork) => {
    const loaders = new Loaders(fork, delivery?.reference);
    if (delivery) loaders.named<string, Appeal>('appeal', batchById(Appeal)).prime(delivery.appeal.id, delivery.appeal);
    return loaders;
  });
}

/** An operator's subtree is read once per connection, not per subscription or per event. */
async function scopeOf(ctx: RequestContext<LiveServices>, user: AuthUser): Promise<LiveScope> {
  if (user.role !== Role.ORG_OPERATOR || !user.organizationId) return liveScopeFor(user);
  const load = async () => {
    const rows = await query<{ id: string }>(ctx.em, subordinateOrganizations(user.organizationId!));
    return rows.map((row) => row.id);
  };
  const cache = ctx.connection?.cache;
  let subtree = cache?.get('subtree') as Promise<string[]> | undefined;
  if (!subtree) {
    subtree = load();
    cache?.set('subtree', subtree);
  }
  return liveScopeFor(user, await subtree);
}

function readFilter(input: AppealEventFilter | null | undefined, sectors: readonly string[]): LiveEventFilter {
  const set = (values: readonly string[] | null | undefined) => (values?.length ? new Set(values) : null);
  for (const code of input?.sector ?? []) {
    if (!sectors.includes(code)) throw badInput('filter.sector', `Неизвестный отраслевой блок «${code}»`, { known: sectors });
  }
  for (const field of ['organizationId', 'municipalityId'] as const) {
    for (const id of input?.[field] ?? []) if (!UUID.test(id)) throw badInput(`filter.${field}`, `Ожидается UUID, получено «${id}»`);
  }
  return {
    sector: set(input?.sector),
    organizationId: set(input?.organizationId?.map((id) => id.toLowerCase())),
    municipalityId: set(input?.municipalityId?.map((id) => id.toLowerCase())),
    status: set(input?.status),
    type: set(input?.type),
  };
}
