import { describe, expect, it } from 'vitest';
import { Role } from '../entities/enums.js';
import type { CommittedAppealEvent } from '../events/event-bus.js';
import { canSeeEvent, liveScopeFor, matchesFilter, NO_FILTER } from './event-visibility.js';

const event = (over: Partial<CommittedAppealEvent> = {}): CommittedAppealEvent => ({
  eventId: 'e',
  appealId: 'a',
  type: 'ASSIGNED',
  at: '2026-01-01T00:00:00Z',
  fromStatus: 'REGISTERED',
  toStatus: 'ASSIGNED',
  sectorCode: 'housing',
  organizationId: 'org-1',
  municipalityId: 'mun-1',
  status: 'ASSIGNED',
  ...over,
});
const user = (role: Role, over: { sectors?: string[]; organizationId?: string | null } = {}) => ({
  id: 'u',
  role,
  organizationId: over.organizationId ?? null,
  sectors: over.sectors ?? [],
});

describe('live event access', () => {
  it('gives observers and sector staff only their sectors, never an unstructured appeal', () => {
    for (const role of [Role.MINISTRY_OBSERVER, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST]) {
      const scope = liveScopeFor(user(role, { sectors: ['housing'] }));
      expect(canSeeEvent(scope, event())).toBe(true);
      expect(canSeeEvent(scope, event({ sectorCode: 'waste' }))).toBe(false);
      expect(canSeeEvent(scope, event({ sectorCode: null }))).toBe(false);
    }
  });

  it('gives an operator its body and the bodies below it only', () => {
    const scope = liveScopeFor(user(Role.ORG_OPERATOR, { organizationId: 'org-1' }), ['org-1', 'org-2']);
    expect(canSeeEvent(scope, event({ organizationId: 'org-2' }))).toBe(true);
    expect(canSeeEvent(scope, event({ organizationId: 'org-3' }))).toBe(false);
    expect(canSeeEvent(scope, event({ organizationId: null }))).toBe(false);
    expect(canSeeEvent(liveScopeFor(user(Role.ORG_OPERATOR)), event())).toBe(false);
  });

  it('gives the ЦУР and analysts everything and integrations nothing', () => {
    for (const role of [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ANALYST, Role.ADMIN]) {
      expect(canSeeEvent(liveScopeFor(user(role)), event({ sectorCode: null, organizationId: null }))).toBe(true);
    }
    expect(canSeeEvent(liveScopeFor(user(Role.INTEGRATION)), event())).toBe(false);
  });
});

describe('live event filter', () => {
  it('matches any value within a list and every list together; the status is the appeal status after the change', () => {
    expect(matchesFilter(NO_FILTER, event())).toBe(true);
    const filter = { ...NO_FILTER, sector: new Set(['housing', 'waste']), status: new Set(['ASSIGNED']) };
    expect(matchesFilter(filter, event())).toBe(true);
    expect(matchesFilter(filter, event({ sectorCode: 'roads' }))).toBe(false);
    expect(matchesFilter(filter, event({ status: 'IN_PROGRESS' }))).toBe(false);
    expect(matchesFilter({ ...NO_FILTER, status: new Set(['ASSIGNED']) }, event({ status: undefined, toStatus: 'ASSIGNED' }))).toBe(true);
    expect(matchesFilter({ ...NO_FILTER, type: new Set(['REGISTERED']) }, event())).toBe(false);
    expect(matchesFilter({ ...NO_FILTER, municipalityId: new Set(['mun-2']) }, event())).toBe(false);
    expect(matchesFilter({ ...NO_FILTER, organizationId: new Set(['org-1']) }, event())).toBe(true);
    expect(matchesFilter({ ...NO_FILTER, organizationId: new Set(['org-1']) }, event({ organizationId: null }))).toBe(false);
  });
});
