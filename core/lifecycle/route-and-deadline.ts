import type { AppealFacts } from '../plugin-api/index.js';
import { officialPageCommentRule, statutoryRules, type DeadlinePolicy, type WorkingCalendar } from '../deadlines/index.js';
import { AppealStatus } from '../entities/enums.js';
import { deadlineApiError, matchUrgentRules, planDeadline, type PlannedDeadline } from './deadline-plan.js';
import type { ReferenceDirectory } from './reference-directory.js';
import { routeAppeal, type RoutingDecision } from './routing.service.js';
import type { Classification } from './classify-appeal.js';
import type { ResolvedReferences } from './resolve-references.js';
import type { ValidIntake } from './validate-intake.js';

/** Where the appeal goes, in which status, and by when it is answered. */
export interface IntakeDecision {
  fz59: boolean;
  /** Registered at once (every regime but 59-ФЗ, whose appeals wait for registration). */
  registeredNow: boolean;
  /** The status the appeal is taken in (REGISTERED or NEW), before routing. */
  intakeStatus: AppealStatus;
  /** The status it is stored in: ASSIGNED once routed. */
  status: AppealStatus;
  routing: RoutingDecision | null;
  plan: PlannedDeadline;
}

export interface DecideDeps {
  directory: ReferenceDirectory;
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
  now: Date;
}

/** The facts sector plugins' routing and urgent rules read. */
export function appealFacts(v: ValidIntake, refs: ResolvedReferences, c: Classification): AppealFacts {
  return {
    channel: v.channel,
    text: v.text,
    sectorCode: c.sectorCode,
    categoryCode: c.category?.code ?? null,
    municipalityCode: c.municipality?.code ?? null,
    address: v.address ?? null,
    receivedAt: v.receivedAt,
    details: (c.details?.value as Record<string, unknown> | undefined) ?? null,
    complainedAboutOrganizationCodes: refs.complaintAgainst ? [refs.complaintAgainst.code] : [],
  };
}

/**
 * Step 4 of the write path: the regime of the channel (59-ФЗ appeals wait
 * for registration, the rest are registered at once), the responsible body
 * (the one the channel named, else the sector's routing once the appeal is
 * registered and structured) and the deadline (the statutory term, the
 * sector's urgent rules, an official page comment's own term).
 */
export function routeAndSetDeadline(
  v: ValidIntake,
  refs: ResolvedReferences,
  c: Classification,
  options: { officialPageComment?: boolean },
  deps: DecideDeps,
): IntakeDecision {
  const facts = appealFacts(v, refs, c);
  let regime: string;
  try {
    regime = statutoryRules(v.channel, v.fz59 ?? undefined, deps.policy).regime;
  } catch (error) {
    throw deadlineApiError(error, 'channel');
  }
  const registeredNow = regime !== 'FZ59';
  const intakeStatus = registeredNow ? AppealStatus.REGISTERED : AppealStatus.NEW;
  let routing: RoutingDecision | null = null;
  if (refs.organization) {
    routing = { organization: refs.organization, rule: 'input.organization', description: 'Ответственный орган указан каналом поступления' };
  } else if (registeredNow && !c.needsStructuring) {
    routing = routeAppeal(c.plugin, facts, deps.directory);
  }
  const status = routing && registeredNow ? AppealStatus.ASSIGNED : intakeStatus;
  let plan: PlannedDeadline;
  try {
    const urgent = matchUrgentRules(c.plugin, facts);
    plan = planDeadline(
      {
        channel: v.channel,
        fz59: regime === 'FZ59',
        status: intakeStatus,
        receivedAt: v.receivedAt,
        registeredAt: registeredNow ? deps.now : null,
        extensionDays: 0,
        pausedMs: 0,
      },
      options.officialPageComment ? [...urgent, officialPageCommentRule(deps.policy)] : urgent,
      deps.calendar,
      deps.policy,
    );
  } catch (error) {
    throw deadlineApiError(error, 'receivedAt');
  }
  return { fz59: regime === 'FZ59', registeredNow, intakeStatus, status, routing, plan };
}
