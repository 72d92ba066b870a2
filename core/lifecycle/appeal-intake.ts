import { timeOrderedId } from '../db/time-ordered-id.js';
import type { LifecycleServices } from './lifecycle-services.js';
import { addressKey, emailKey, phoneKey } from './appeal-keys.js';
import { appealRow, type AppealValues } from './appeal-table.js';
import { classifyAppeal, type Classification } from './classify-appeal.js';
import type { AppealIntake, PreparedAppeal } from './intake-types.js';
import { planIntakeEvents } from './plan-intake-events.js';
import type { ReferenceDirectory } from './reference-directory.js';
import { resolveReferences, type ResolvedReferences } from './resolve-references.js';
import { routeAndSetDeadline, type IntakeDecision } from './route-and-deadline.js';
import { validateIntake, type ValidIntake } from './validate-intake.js';

export type { AppealIntake, PlannedEvent, PreparedAppeal } from './intake-types.js';
export { MAX_TEXT_LENGTH } from './validate-intake.js';

export interface IntakeContext {
  app: LifecycleServices;
  directory: ReferenceDirectory;
  now: Date;
}

/**
 * Decides everything about a new appeal before a row is written, in named
 * steps, each a pure function (docs/lifecycle.md, "The write path"):
 * validate → resolve references → classify → route and set the deadline →
 * plan events; then the row, by property of the Appeal entity, mapped to
 * its columns from the entity's metadata (appeal-table.ts). Throws
 * BAD_USER_INPUT naming the field. No statement: the services read the
 * reference directory before and write the row after.
 */
export function prepareAppeal(input: AppealIntake, ctx: IntakeContext): PreparedAppeal {
  const { app, directory, now } = ctx;
  const enabled = (code: string) => app.plugins.find((plugin) => plugin.code === code);
  const v = validateIntake(input, now);
  const refs = resolveReferences(v, directory, enabled);
  const c = classifyAppeal(v, refs, { structurer: app.structurer, minConfidence: app.config.STRUCTURING_MIN_CONFIDENCE, directory, enabled });
  const decision = routeAndSetDeadline(v, refs, c, input, { directory, policy: app.config.deadlinePolicy, calendar: app.calendar, now });
  const events = planIntakeEvents(v, c, decision);
  const id = timeOrderedId();
  const keys = { email: emailKey(v.author?.email), phone: phoneKey(v.author?.phone), address: addressKey(v.address, app.region.region.addressWords) };
  const values = newAppealValues(id, v, refs, c, decision, keys, directory, now);
  return {
    id,
    channel: v.channel,
    externalId: v.externalId ?? null,
    receivedAt: v.receivedAt,
    categoryId: c.category?.id ?? null,
    keys,
    details: c.details,
    events,
    columns: appealRow(app.orm.getMetadata(), values),
  };
}

/** The new appeal's values by property of the Appeal entity (the rest take their defaults). */
export function newAppealValues(
  id: string,
  v: ValidIntake,
  refs: ResolvedReferences,
  c: Classification,
  d: IntakeDecision,
  keys: PreparedAppeal['keys'],
  directory: ReferenceDirectory,
  now: Date,
): AppealValues {
  const author = v.author ?? null;
  return {
    id,
    channel: v.channel,
    externalId: v.externalId ?? null,
    status: d.status,
    text: v.text,
    summary: c.summary,
    authorName: author?.name ?? null,
    authorEmail: author?.email ?? null,
    authorPhone: author?.phone ?? null,
    authorAddress: author?.address ?? null,
    // Consent to notices, kept with the contact it was given for (152-ФЗ art. 9); without a contact it means nothing.
    authorNotifyConsent: Boolean(author?.notifyConsent && (author.email || author.phone)),
    address: v.address ?? null,
    latitude: v.location?.latitude ?? null,
    longitude: v.location?.longitude ?? null,
    municipality: c.municipality?.id ?? null,
    sector: c.sectorCode ? (directory.sectorByCode.get(c.sectorCode)?.id ?? null) : null,
    category: c.category?.id ?? null,
    organization: d.routing?.organization.id ?? null,
    complaintAgainst: refs.complaintAgainst?.id ?? null,
    fz59: d.fz59,
    receivedAt: v.receivedAt,
    registeredAt: d.registeredNow ? now : null,
    dueAt: d.plan.dueAt,
    deadlineStartsAt: d.plan.startsAt,
    deadlineRules: d.plan.rules,
    deadlineRule: d.plan.decidingRule,
    classification: c.classification,
    needsStructuring: c.needsStructuring,
    // Shown to the ЦУР specialist who structures the appeal by hand.
    structuringSuggestions: c.needsStructuring && c.suggestions.length ? c.suggestions : null,
    sourceStatus: v.sourceStatus ?? null,
    raw: v.raw === undefined ? null : v.raw,
    details: c.details ? c.details.value : null,
    authorEmailKey: keys.email,
    authorPhoneKey: keys.phone,
    addressKey: keys.address,
    createdAt: now,
    updatedAt: now,
  };
}
