import { describe, expect, it } from 'vitest';
import { AppealStatus } from '../entities/enums.js';
import { classifyAppeal } from './classify-appeal.js';
import { classifyDeps, decideDeps, directory, enabled, NOW } from './intake-test-helpers.js';
import { resolveReferences } from './resolve-references.js';
import { routeAndSetDeadline } from './route-and-deadline.js';
import { validateIntake } from './validate-intake.js';
import type { AppealIntake } from './intake-types.js';

function decide(extra: Partial<AppealIntake>) {
  const v = validateIntake({ channel: 'POS', text: 'Текст', receivedAt: '2026-03-04T08:00:00Z', ...extra }, NOW);
  const refs = resolveReferences(v, directory, enabled);
  return routeAndSetDeadline(v, refs, classifyAppeal(v, refs, classifyDeps()), extra, decideDeps);
}

describe('routeAndSetDeadline (step 4: regime, responsible body, deadline)', () => {
  it('registers a message at once and routes it by the sector’s rules', () => {
    const d = decide({ category: 'water.leak', municipalityId: 'm-town' });
    expect(d).toMatchObject({ fz59: false, registeredNow: true, intakeStatus: AppealStatus.REGISTERED, status: AppealStatus.ASSIGNED });
    expect(d.routing).toMatchObject({ rule: 'water.leak-to-town', organization: { code: 'adm-town' } });
  });

  it('falls back to the sector’s executive body', () => {
    expect(decide({ category: 'water.leak', municipalityId: 'm-village' }).routing).toMatchObject({
      rule: 'core.sector-executive-body',
      organization: { code: 'min-water' },
    });
  });

  it('never routes to the body complained about', () => {
    const d = decide({ category: 'water.leak', municipalityId: 'm-town', complaintAgainstOrganizationId: 'o-adm' });
    expect(d.routing?.organization.code).toBe('min-water');
  });

  it('takes the body the channel named, without routing', () => {
    const d = decide({ organizationId: 'o-paths' });
    expect(d.status).toBe(AppealStatus.ASSIGNED);
    expect(d.routing).toMatchObject({ rule: 'input.organization', organization: { code: 'min-paths' } });
  });

  it('leaves an appeal that needs structuring registered and unrouted', () => {
    const d = decide({});
    expect(d.status).toBe(AppealStatus.REGISTERED);
    expect(d.routing).toBeNull();
  });

  it('keeps a 59-ФЗ appeal NEW, unrouted, with the registration term, until it is registered', () => {
    const d = decide({ channel: 'EMAIL', category: 'water.leak' });
    expect(d).toMatchObject({ fz59: true, registeredNow: false, intakeStatus: AppealStatus.NEW, status: AppealStatus.NEW, routing: null });
    expect(d.plan.decidingRule).toMatch(/^59-FZ\.registration/);
    // Three calendar days, to the end of the next working day (8 and 9 March are off).
    expect(d.plan.dueAt).toEqual(new Date('2026-03-10T20:59:59.999Z'));
    // A body named by the channel is kept, the status stays NEW.
    expect(decide({ channel: 'POS', fz59: true, organizationId: 'o-paths' })).toMatchObject({
      status: AppealStatus.NEW,
      routing: { rule: 'input.organization' },
    });
  });

  it('folds the sector’s urgent rules and an official page comment’s term into the deadline', () => {
    const urgent = decide({ category: 'water.leak' });
    expect(urgent.plan.decidingRule).toBe('water.leak.urgent');
    expect(urgent.plan.dueAt).toEqual(new Date('2026-03-04T12:00:00Z'));
    const plain = decide({ category: 'paths.rut' });
    expect(plain.plan.rules.map((r) => r.code)).not.toContain('water.leak.urgent');
    const comment = decide({ category: 'paths.rut', officialPageComment: true });
    expect(comment.plan.rules.map((r) => r.code)).toContain('OFFICIAL_PAGE_COMMENT.answer.1wd');
  });

  it('refuses a channel the deadline policy does not know, on `channel`', () => {
    const v = validateIntake({ channel: 'POS', text: 'Текст', receivedAt: NOW }, NOW);
    const refs = resolveReferences(v, directory, enabled);
    const policy = { ...decideDeps.policy, channels: {} };
    expect(() => routeAndSetDeadline(v, refs, classifyAppeal(v, refs, classifyDeps()), {}, { ...decideDeps, policy })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'channel' }) }),
    );
  });
});
