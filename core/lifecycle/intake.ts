import type { Actor } from '../events/appeal-transaction.js';
import type { Channel } from '../entities/enums.js';

/**
 * What a channel hands to the appeal lifecycle: the shape of
 * `RegisterAppealInput` (API.md), plus the channel's own status and raw record
 * kept beside ours (DOMAIN.md "Lifecycle": each channel's raw status is kept).
 */
export interface IntakeInput {
  channel: Channel;
  /** The id in the source system; (channel, externalId) is unique, so intake is idempotent. */
  externalId: string;
  text: string;
  receivedAt: Date;
  /** `address`: the author's postal address, for the answer (59-ФЗ art. 7 part 1). */
  author?: { name?: string | null; email?: string | null; phone?: string | null; address?: string | null } | null;
  address?: string | null;
  location?: { latitude: number; longitude: number } | null;
  municipalityId?: string | null;
  /** A municipality code (`yoshkar-ola`) when the source names one; the lifecycle resolves it. */
  municipalityCode?: string | null;
  /** Sector and category codes; null lets structuring classify. */
  sector?: string | null;
  category?: string | null;
  details?: Record<string, unknown> | null;
  /** 59-ФЗ appeal (letters, e-mail, Госуслуги) rather than a message or an incident. */
  fz59?: boolean;
  sourceStatus?: string | null;
  raw?: unknown;
  /** A resident's comment on a body's official page (core/official-pages): the lifecycle gives it that answer term. */
  officialPageComment?: boolean;
}

export interface IntakeResult {
  appealId: string;
  /** False when an appeal with the same (channel, externalId) already existed. */
  created: boolean;
}

/**
 * The seam between the channels and the appeal lifecycle. Channels never
 * create appeals themselves: every channel feeds this one door, so every
 * appeal gets the same lifecycle and the same clock.
 *
 * `register` must be idempotent on (channel, externalId), and must throw an
 * error from `core/errors/errors.ts` (BAD_USER_INPUT with `field`) for input
 * the lifecycle refuses; anything else is taken as a transient failure and
 * the record is kept for a retry.
 *
 * Until an implementation is configured (`LifecycleServices.intake`), the
 * endpoints that create appeals (the ПОС webhook, file imports, Open311
 * POST, letters) are not mounted.
 */
export interface IntakeService {
  register(input: IntakeInput, actor: Actor): Promise<IntakeResult>;
}
