import { describe, expect, it } from 'vitest';
import { AppealStatus } from '../entities/enums.js';
import { classifyAppeal } from './classify-appeal.js';
import { classifyDeps, decideDeps, directory, enabled, NOW } from './intake-test-helpers.js';
import { planIntakeEvents } from './plan-intake-events.js';
import { resolveReferences } from './resolve-references.js';
import { routeAndSetDeadline } from './route-and-deadline.js';
import { validateIntake } from './validate-intake.js';
import type { AppealIntake } from './intake-types.js';

function plan(extra: Partial<AppealIntake>) {
  const v = validateIntake({ channel: 'POS', text: 'Текст', receivedAt: '2026-03-04T08:00:00Z', externalId: 'e-1', ...extra }, NOW);
  const refs = resolveReferences(v, directory, enabled);
  const c = classifyAppeal(v, refs, classifyDeps());
  const d = routeAndSetDeadline(v, refs, c, extra, decideDeps);
  return { events: planIntakeEvents(v, c, d), d };
}

describe('planIntakeEvents (step 5: the audit trail)', () => {
  it('records the registration with the deadline and the structuring, then the assignment', () => {
    const { events, d } = plan({ category: 'water.leak', municipalityId: 'm-village' });
    expect(events).toEqual([
      {
        type: 'REGISTERED',
        fromStatus: null,
        toStatus: AppealStatus.REGISTERED,
        data: {
          channel: 'POS',
          externalId: 'e-1',
          dueAt: d.plan.dueAt.toISOString(),
          deadlineRule: 'water.leak.urgent',
          structuring: { sector: 'water', category: 'water.leak', municipality: 'village', rule: 'input', confidence: 1, needsStructuring: false },
        },
      },
      {
        type: 'ASSIGNED',
        fromStatus: AppealStatus.REGISTERED,
        toStatus: AppealStatus.ASSIGNED,
        reason: 'Профильный орган исполнительной власти отраслевого блока (по умолчанию)',
        data: { organizationId: 'o-water', organizationCode: 'min-water', rule: 'core.sector-executive-body', auto: true },
      },
    ]);
  });

  it('records only the receipt of a 59-ФЗ appeal, and only the registration of one left to structure', () => {
    expect(plan({ channel: 'WRITTEN' }).events.map((e) => [e.type, e.toStatus])).toEqual([['RECEIVED', AppealStatus.NEW]]);
    const unstructured = plan({}).events;
    expect(unstructured.map((e) => e.type)).toEqual(['REGISTERED']);
    expect(unstructured[0]!.data).toMatchObject({ structuring: { needsStructuring: true, category: null, rule: 'none', confidence: 0 } });
  });
});
