import { checkAccess } from '../auth/access-guard.js';
import { liveAccess } from './live.access.js';
import { subordinateOrganizations } from '../auth/appeal-scope.js';
import { query } from '../db/sql.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { badInput } from '../errors/errors.js';
import type { RequestContext } from '../auth/request-context.js';
import { LiveSubscription } from './live-subscription.js';
import type { AppealEventFilter } from './appeal-event-filter.input.js';
import { liveScopeFor, type LiveEventFilter, type LiveScope } from './event-visibility.js';
import type { LiveDelivery } from './live-feed.js';
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
 * every event (LiveSubscription). Each event is resolved with a fresh
 * EntityManager and fresh DataLoaders, so nothing cached for one event leaks
 * into the next.
 */
export async function subscribeLive(ctx: RequestContext<LiveServices>, options: LiveSubscribeOptions): Promise<AsyncIterableIterator<LiveDelivery>> {
  checkAccess(liveAccess, `Subscription.${options.field}`, ctx);
  const user = ctx.user!;
  const filter = readFilter(
    options.filter,
    ctx.app.plugins.map((p) => p.code),
  );
  const scope = await scopeOf(ctx, user);
  const subscription = new LiveSubscription(ctx, { field: options.field, types: options.types, scope, filter });
  ctx.app.logger.debug({ userId: user.id, role: user.role, field: options.field }, 'live updates: subscribed');
  return subscription;
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

/** Valid filters by their text and the enabled sectors: subscribers that send the same filter share one (memory per subscriber); bounded. */
const filters = new Map<string, LiveEventFilter>();
const MAX_CACHED_FILTERS = 1_000;

function readFilter(input: AppealEventFilter | null | undefined, sectors: readonly string[]): LiveEventFilter {
  const key = JSON.stringify([sectors, input?.sector, input?.organizationId, input?.municipalityId, input?.status, input?.type]);
  const known = filters.get(key);
  if (known) return known;
  const set = (values: readonly string[] | null | undefined) => (values?.length ? new Set(values) : null);
  for (const code of input?.sector ?? []) {
    if (!sectors.includes(code)) throw badInput('filter.sector', `Неизвестный отраслевой блок «${code}»`, { known: sectors });
  }
  for (const field of ['organizationId', 'municipalityId'] as const) {
    for (const id of input?.[field] ?? []) if (!UUID.test(id)) throw badInput(`filter.${field}`, `Ожидается UUID, получено «${id}»`);
  }
  const filter: LiveEventFilter = {
    sector: set(input?.sector),
    organizationId: set(input?.organizationId?.map((id) => id.toLowerCase())),
    municipalityId: set(input?.municipalityId?.map((id) => id.toLowerCase())),
    status: set(input?.status),
    type: set(input?.type),
  };
  if (filters.size >= MAX_CACHED_FILTERS) filters.clear();
  filters.set(key, filter);
  return filter;
}
