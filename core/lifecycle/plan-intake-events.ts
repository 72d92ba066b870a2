import type { Classification } from './classify-appeal.js';
import type { PlannedEvent } from './intake-types.js';
import type { IntakeDecision } from './route-and-deadline.js';
import type { ValidIntake } from './validate-intake.js';

/**
 * Step 5 of the write path: the new appeal's audit trail. RECEIVED (59-ФЗ,
 * waiting for registration) or REGISTERED, with the channel, the deadline and
 * what the structuring found; then ASSIGNED when it was routed at once. (The
 * writer adds REPEAT_DETECTED, and announcements ANNOUNCEMENT_MATCHED.)
 */
export function planIntakeEvents(v: ValidIntake, c: Classification, d: IntakeDecision): PlannedEvent[] {
  const events: PlannedEvent[] = [
    {
      type: d.registeredNow ? 'REGISTERED' : 'RECEIVED',
      fromStatus: null,
      toStatus: d.intakeStatus,
      data: {
        channel: v.channel,
        externalId: v.externalId ?? null,
        dueAt: d.plan.dueAt.toISOString(),
        deadlineRule: d.plan.decidingRule,
        structuring: {
          sector: c.sectorCode,
          category: c.category?.code ?? null,
          municipality: c.municipality?.code ?? null,
          ...c.classification,
          needsStructuring: c.needsStructuring,
        },
      },
    },
  ];
  if (d.routing) {
    events.push({
      type: 'ASSIGNED',
      fromStatus: d.intakeStatus,
      toStatus: d.status,
      reason: d.routing.description,
      data: { organizationId: d.routing.organization.id, organizationCode: d.routing.organization.code, rule: d.routing.rule, auto: true },
    });
  }
  return events;
}
