import { z } from 'zod';

/**
 * A duration in the units the law and practice use. The plugin contract
 * (core/plugin-api/plugin-types.ts) declares the same shape; keep them
 * structurally identical (a type test checks it).
 */
export type DeadlineDuration = { hours: number } | { calendarDays: number } | { workingDays: number };

/** The Channel enum of API.md, as strings. */
export const CHANNELS = [
  'POS',
  'REGIONAL_SYSTEM',
  'MUNICIPAL_SYSTEM',
  'WRITTEN',
  'EMAIL',
  'PHONE',
  'PERSONAL_RECEPTION',
  'SOCIAL_MEDIA',
  'MESSENGER',
  'MEDIA',
  'OPEN311',
] as const;

/**
 * FZ59: an appeal under 59-ФЗ; MESSAGE: a ПОС message (Resolution 1802,
 * `fz59=false`) or a regional / municipal system under its own regulation;
 * INCIDENT: a public post found by monitoring (no statute).
 */
export type DeadlineRegime = 'FZ59' | 'MESSAGE' | 'INCIDENT';

export type ChannelPolicy =
  | { regime: 'FZ59' }
  | { regime: 'MESSAGE'; codePrefix: string; basis: string; answer: DeadlineDuration; preModeration?: DeadlineDuration }
  | { regime: 'INCIDENT'; codePrefix: string; basis: string; answer: DeadlineDuration; firstReaction: DeadlineDuration };

export interface DeadlinePolicy {
  /** Terms of 59-ФЗ (law, not practice: change only when the law changes). */
  fz59: {
    codePrefix: string;
    /** ст. 8 ч. 2: registration within 3 days of receipt. */
    registration: DeadlineDuration;
    /** ст. 12 ч. 1: consideration within 30 days from registration. */
    answer: DeadlineDuration;
    /** ст. 8 ч. 3: redirection by competence within 7 days of registration. */
    redirect: DeadlineDuration;
  };
  channels: Record<string, ChannelPolicy>;
  /** ст. 12 ч. 2 59-ФЗ: an extension by at most 30 days... */
  maxExtensionDays: number;
  /** ...and only one. */
  maxExtensions: number;
  /** [param] AT_RISK when less than this share of the allowed time is left. */
  atRiskShare: number;
  /** ГК РФ ст. 193 by analogy: a term in calendar days ending on a day off ends on the next working day. */
  shiftCalendarDaysToWorkingDay: boolean;
  /**
   * [param] A resident's comment on a body's official page (core/official-pages):
   * its answer term, folded over the channel's like an urgent rule (the earlier wins).
   */
  officialPageComment: { codePrefix: string; basis: string; answer: DeadlineDuration };
}

const POS_BASIS = 'практика платформы обратной связи, постановление Правительства РФ от 10.11.2020 № 1802; параметр';
const SYSTEM_BASIS = 'регламент системы; сообщение, не обращение по 59-ФЗ, если не отмечено fz59; параметр';
const INCIDENT_BASIS = 'практика ЦУР: реакция за 2–4 часа, норматива нет; параметр';
/**
 * Official pages are obliged by 8-ФЗ as amended by 270-ФЗ (from 01.12.2022);
 * the law sets no term for answering comments there, so the term is practice.
 */
const OFFICIAL_PAGE_BASIS =
  'ч. 1.1 ст. 10 Федерального закона от 09.02.2009 № 8-ФЗ (в ред. Федерального закона от 14.07.2022 № 270-ФЗ): ' +
  'орган ведёт официальную страницу и отвечает на ней; срок ответа законом не установлен — практика ЦУР; параметр';

const message = (codePrefix: string, basis: string, preModeration?: DeadlineDuration): ChannelPolicy => ({
  regime: 'MESSAGE',
  codePrefix,
  basis,
  answer: { workingDays: 10 },
  ...(preModeration ? { preModeration } : {}),
});
const incident: ChannelPolicy = {
  regime: 'INCIDENT',
  codePrefix: 'INCIDENT',
  basis: INCIDENT_BASIS,
  answer: { workingDays: 1 },
  firstReaction: { hours: 4 },
};

/**
 * Policies frozen whole here (the defaults and every merged one): nobody may
 * change them in place, so what is derived from one may be kept with it
 * (statutoryRules' memo).
 */
const sealed = new WeakSet<DeadlinePolicy>();
/** Defaults of DOMAIN.md "Deadlines"; override with `mergeDeadlinePolicy`. */
export const defaultDeadlinePolicy: DeadlinePolicy = seal({
  fz59: {
    codePrefix: '59-FZ',
    registration: { calendarDays: 3 },
    answer: { calendarDays: 30 },
    redirect: { calendarDays: 7 },
  },
  channels: {
    WRITTEN: { regime: 'FZ59' },
    EMAIL: { regime: 'FZ59' },
    PERSONAL_RECEPTION: { regime: 'FZ59' },
    POS: message('POS', POS_BASIS, { workingDays: 1 }),
    REGIONAL_SYSTEM: message('REGIONAL', SYSTEM_BASIS, { workingDays: 1 }),
    MUNICIPAL_SYSTEM: message('MUNICIPAL', SYSTEM_BASIS, { workingDays: 1 }),
    PHONE: message('PHONE', SYSTEM_BASIS, { workingDays: 1 }),
    OPEN311: message('OPEN311', SYSTEM_BASIS, { workingDays: 1 }),
    SOCIAL_MEDIA: incident,
    MESSENGER: incident,
    MEDIA: incident,
  },
  maxExtensionDays: 30,
  maxExtensions: 1,
  atRiskShare: 0.2,
  shiftCalendarDaysToWorkingDay: true,
  officialPageComment: { codePrefix: 'OFFICIAL_PAGE_COMMENT', basis: OFFICIAL_PAGE_BASIS, answer: { workingDays: 1 } },
});

/** Freezes a policy whole and records it as sealed. */
function seal(policy: DeadlinePolicy): DeadlinePolicy {
  sealed.add(deepFreeze(policy));
  return policy;
}

/** Whether the policy is frozen whole by this module (a policy built by hand is not, and may change). */
export function isSealedPolicy(policy: DeadlinePolicy): boolean {
  return sealed.has(policy);
}

/** Freezes an object and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export const deadlineDurationSchema = z.union([
  z.object({ hours: z.number().positive().finite() }).strict(),
  z.object({ calendarDays: z.number().int().positive() }).strict(),
  z.object({ workingDays: z.number().int().positive() }).strict(),
]);

const channelPolicySchema = z.discriminatedUnion('regime', [
  z.object({ regime: z.literal('FZ59') }),
  z.object({
    regime: z.literal('MESSAGE'),
    codePrefix: z.string().min(1),
    basis: z.string().min(1),
    answer: deadlineDurationSchema,
    preModeration: deadlineDurationSchema.optional(),
  }),
  z.object({
    regime: z.literal('INCIDENT'),
    codePrefix: z.string().min(1),
    basis: z.string().min(1),
    answer: deadlineDurationSchema,
    firstReaction: deadlineDurationSchema,
  }),
]);

export const deadlinePolicySchema = z.object({
  fz59: z.object({
    codePrefix: z.string().min(1),
    registration: deadlineDurationSchema,
    answer: deadlineDurationSchema,
    redirect: deadlineDurationSchema,
  }),
  channels: z.record(z.string(), channelPolicySchema),
  maxExtensionDays: z.number().int().nonnegative(),
  maxExtensions: z.number().int().nonnegative(),
  atRiskShare: z.number().min(0).max(1),
  shiftCalendarDaysToWorkingDay: z.boolean(),
  officialPageComment: z.object({ codePrefix: z.string().min(1), basis: z.string().min(1), answer: deadlineDurationSchema }),
});

export interface DeadlinePolicyOverrides extends Partial<Omit<DeadlinePolicy, 'fz59' | 'channels' | 'officialPageComment'>> {
  fz59?: Partial<DeadlinePolicy['fz59']>;
  officialPageComment?: Partial<DeadlinePolicy['officialPageComment']>;
  /** Replaces the named channels' entries whole; other channels keep the defaults. */
  channels?: Record<string, ChannelPolicy>;
}

/** The defaults with the caller's overrides (e.g. from configuration), validated. */
export function mergeDeadlinePolicy(overrides: DeadlinePolicyOverrides = {}, base: DeadlinePolicy = defaultDeadlinePolicy): DeadlinePolicy {
  const merged = {
    ...base,
    ...overrides,
    fz59: { ...base.fz59, ...overrides.fz59 },
    officialPageComment: { ...base.officialPageComment, ...overrides.officialPageComment },
    channels: { ...base.channels, ...overrides.channels },
  };
  return seal(deadlinePolicySchema.parse(merged) as DeadlinePolicy);
}
