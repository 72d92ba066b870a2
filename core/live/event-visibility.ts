import { BY_SECTOR, SEE_ALL } from '../auth/appeal-scope.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import type { CommittedAppealEvent } from '../events/event-bus.js';

/**
 * What a subscriber may receive, fixed when it subscribes and applied to
 * every event: the same rule as `applyAppealScope`, on the facts the event
 * carries (the appeal's sector and body when the change committed).
 */
export type LiveScope =
  { kind: 'all' } | { kind: 'sectors'; sectors: ReadonlySet<string> } | { kind: 'organizations'; organizations: ReadonlySet<string> } | { kind: 'none' };

const ALL: LiveScope = Object.freeze({ kind: 'all' });
const NONE: LiveScope = Object.freeze({ kind: 'none' });
/** Scopes by their sectors or bodies: the subscribers of one scope share it (memory per subscriber); bounded. */
const scopes = new Map<string, LiveScope>();

/** `subtree`: the operator's body and every body below it (ORG_OPERATOR only). */
export function liveScopeFor(user: AuthUser, subtree: readonly string[] = []): LiveScope {
  if (SEE_ALL.has(user.role)) return ALL;
  const bySector = BY_SECTOR.has(user.role);
  if (!bySector && !(user.role === Role.ORG_OPERATOR && user.organizationId)) return NONE;
  const key = bySector ? `s:${[...user.sectors].sort().join(',')}` : `o:${[...subtree].sort().join(',')}`;
  let scope = scopes.get(key);
  if (!scope) {
    scope = bySector ? { kind: 'sectors', sectors: new Set(user.sectors) } : { kind: 'organizations', organizations: new Set(subtree) };
    if (scopes.size >= 1_000) scopes.clear();
    scopes.set(key, scope);
  }
  return scope;
}

export function canSeeEvent(scope: LiveScope, event: CommittedAppealEvent): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'sectors':
      return event.sectorCode != null && scope.sectors.has(event.sectorCode);
    case 'organizations':
      return event.organizationId != null && scope.organizations.has(event.organizationId);
    default:
      return false;
  }
}

/** A subscriber's filter: each list is "any of", lists combine with "and"; absent or empty means any. */
export interface LiveEventFilter {
  sector: ReadonlySet<string> | null;
  organizationId: ReadonlySet<string> | null;
  municipalityId: ReadonlySet<string> | null;
  status: ReadonlySet<string> | null;
  type: ReadonlySet<string> | null;
}

export const NO_FILTER: LiveEventFilter = { sector: null, organizationId: null, municipalityId: null, status: null, type: null };

const allows = (set: ReadonlySet<string> | null, value: string | null | undefined) => !set || (value != null && set.has(value));

export function matchesFilter(filter: LiveEventFilter, event: CommittedAppealEvent): boolean {
  return (
    allows(filter.sector, event.sectorCode) &&
    allows(filter.organizationId, event.organizationId) &&
    allows(filter.municipalityId, event.municipalityId) &&
    allows(filter.status, event.status ?? event.toStatus) &&
    allows(filter.type, event.type)
  );
}
