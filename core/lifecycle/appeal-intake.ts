import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppServices } from '../app/app-services.js';
import type { AppealFacts, SectorPlugin } from '../plugin-api/index.js';
import { officialPageCommentRule, statutoryRules } from '../deadlines/index.js';
import { AppealStatus, Channel } from '../entities/enums.js';
import { badInput } from '../errors/errors.js';
import { addressKey, emailKey, phoneKey } from './appeal-keys.js';
import { deadlineApiError, matchUrgentRules, planDeadline } from './deadline-plan.js';
import type { ReferenceDirectory } from './reference-directory.js';
import { routeAppeal, type RoutingDecision } from './routing.service.js';
import { findUnsafeText } from '../graphql/unsafe-text.js';
import { parseDetails } from './details-validation.js';
import type { AppealEventTypeName } from '../events/appeal-event-type.js';

/** Longer texts are refused rather than cut: the ЦУР must see the whole appeal. */
export const MAX_TEXT_LENGTH = 20_000;
/** Clock skew tolerated for `receivedAt` (a channel's clock may run slightly ahead). */
const FUTURE_TOLERANCE_MS = 60_000;

/** One appeal as a channel hands it in (the GraphQL RegisterAppealInput, or a channel adapter's call). */
export interface AppealIntake {
  channel: Channel | string;
  externalId?: string | null;
  text: string;
  receivedAt: Date | string;
  fz59?: boolean | null;
  summary?: string | null;
  author?: { name?: string | null; email?: string | null; phone?: string | null; address?: string | null; notifyConsent?: boolean | null } | null;
  address?: string | null;
  location?: { latitude: number; longitude: number } | null;
  municipalityId?: string | null;
  sector?: string | null;
  category?: string | null;
  details?: unknown;
  /** The responsible body, when the channel already knows it; skips routing. */
  organizationId?: string | null;
  /** The body the appeal complains about (59-ФЗ art. 8 part 6). */
  complaintAgainstOrganizationId?: string | null;
  sourceStatus?: string | null;
  raw?: unknown;
  /** A resident's comment on a body's official page: its own answer term (deadline policy `officialPageComment`) is folded in. */
  officialPageComment?: boolean;
}

export interface PlannedEvent {
  type: AppealEventTypeName;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** Columns of `appeal` stored as jsonb. */
export const JSONB_COLUMNS = ['deadline_rules', 'classification', 'raw', 'details', 'structuring_suggestions'] as const;

/** An appeal validated, structured, routed and given its deadline, ready to insert. */
export interface PreparedAppeal {
  id: string;
  channel: Channel;
  externalId: string | null;
  receivedAt: Date;
  categoryId: string | null;
  keys: { email: string | null; phone: string | null; address: string | null };
  /** The appeal's columns; those of JSONB_COLUMNS hold the value itself (not yet JSON text). */
  columns: Record<string, unknown>;
  events: PlannedEvent[];
  details: { plugin: SectorPlugin; value: unknown } | null;
}

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const optionalText = (max: number, what: string) =>
  z.preprocess(
    blankToNull,
    z
      .string({ error: `${what}: ожидается строка` })
      .trim()
      .max(max, { error: `${what}: не длиннее ${max} символов` })
      .nullish(),
  );
const optionalId = (what: string) =>
  z.preprocess(
    blankToNull,
    z
      .string({ error: `${what}: ожидается идентификатор` })
      .trim()
      .nullish(),
  );

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s()-]{5,25}$/;

const intakeSchema = z.object({
  channel: z.enum(Channel, { error: `Неизвестный канал; допустимы: ${Object.values(Channel).join(', ')}` }),
  externalId: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : value),
    z.string().min(1, { error: 'Внешний идентификатор не может быть пустым' }).max(200, { error: 'Внешний идентификатор: не длиннее 200 символов' }).nullish(),
  ),
  text: z
    .string({ error: 'Текст обращения обязателен' })
    .trim()
    .min(1, { error: 'Текст обращения пуст' })
    .max(MAX_TEXT_LENGTH, { error: `Текст обращения длиннее ${MAX_TEXT_LENGTH} символов` }),
  receivedAt: z
    .union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))], {
      error: 'Дата поступления: ожидается дата и время ISO 8601 со смещением',
    })
    .refine((d) => !Number.isNaN(d.getTime()), { error: 'Дата поступления некорректна' }),
  fz59: z.boolean().nullish(),
  summary: optionalText(2000, 'Суть обращения'),
  author: z
    .object({
      name: optionalText(300, 'Имя автора'),
      email: z.preprocess(blankToNull, z.string().trim().max(254).regex(EMAIL, { error: 'Некорректный адрес электронной почты' }).nullish()),
      phone: z.preprocess(blankToNull, z.string().trim().regex(PHONE, { error: 'Некорректный номер телефона' }).nullish()),
      address: optionalText(500, 'Почтовый адрес автора'),
      notifyConsent: z.boolean({ error: 'Согласие на уведомления: ожидается true или false' }).nullish(),
    })
    .nullish(),
  address: optionalText(500, 'Адрес'),
  location: z
    .object({
      latitude: z.number().min(-90, { error: 'Широта: от -90 до 90' }).max(90, { error: 'Широта: от -90 до 90' }),
      longitude: z.number().min(-180, { error: 'Долгота: от -180 до 180' }).max(180, { error: 'Долгота: от -180 до 180' }),
    })
    .nullish(),
  municipalityId: optionalId('Муниципалитет'),
  sector: optionalId('Блок'),
  category: optionalId('Рубрика'),
  organizationId: optionalId('Организация'),
  complaintAgainstOrganizationId: optionalId('Организация'),
  sourceStatus: optionalText(200, 'Статус в источнике'),
  details: z.unknown().optional(),
  raw: z.unknown().optional(),
});

export interface IntakeContext {
  app: AppServices;
  directory: ReferenceDirectory;
  now: Date;
}

/**
 * Validates an intake and decides everything about the new appeal before a
 * row is written: reference ids, the sector's details, structuring, the
 * status (59-ФЗ appeals wait for registration, the rest are registered at
 * once), routing and the deadline. Throws BAD_USER_INPUT naming the field.
 */
export function prepareAppeal(input: AppealIntake, ctx: IntakeContext): PreparedAppeal {
  // NUL or a lone surrogate anywhere (raw record and details included): this row refused, the others of a batch kept.
  const unsafe = findUnsafeText(input);
  if (unsafe) throw badInput(unsafe.field || 'input', unsafe.message);
  const parsed = intakeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(issue.path.join('.') || 'input', issue.message);
  }
  const v = parsed.data;
  const { app, directory, now } = ctx;
  if (v.receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput('receivedAt', 'Дата поступления в будущем');
  }
  const enabled = (code: string) => app.plugins.find((plugin) => plugin.code === code);

  // Reference data: every id and code must name something that exists.
  let category = v.category ? directory.categoryByCode.get(v.category) : undefined;
  if (v.category && (!category || !enabled(category.sectorCode))) throw badInput('category', `Неизвестная рубрика «${v.category}»`);
  if (v.sector && (!directory.sectorByCode.has(v.sector) || !enabled(v.sector))) throw badInput('sector', `Неизвестный отраслевой блок «${v.sector}»`);
  if (category && v.sector && category.sectorCode !== v.sector) {
    throw badInput('category', `Рубрика «${category.code}» не относится к блоку «${v.sector}»`);
  }
  let municipality = v.municipalityId ? directory.municipalityById.get(v.municipalityId) : undefined;
  if (v.municipalityId && !municipality) throw badInput('municipalityId', `Неизвестный муниципалитет ${v.municipalityId}`);
  const explicitOrg = v.organizationId ? directory.orgById.get(v.organizationId) : undefined;
  if (v.organizationId && !explicitOrg) throw badInput('organizationId', `Неизвестная организация ${v.organizationId}`);
  const complaintAgainst = v.complaintAgainstOrganizationId ? directory.orgById.get(v.complaintAgainstOrganizationId) : undefined;
  if (v.complaintAgainstOrganizationId && !complaintAgainst) {
    throw badInput('complaintAgainstOrganizationId', `Неизвестная организация ${v.complaintAgainstOrganizationId}`);
  }
  if (explicitOrg && complaintAgainst && explicitOrg.id === complaintAgainst.id) {
    throw badInput('organizationId', 'Жалобу нельзя направлять в орган, действия которого обжалуются (ч. 6 ст. 8 59-ФЗ)');
  }

  // Structuring (decree clause 5): what the channel did not say, the structurer tries to find.
  let sectorCode = v.sector ?? category?.sectorCode ?? null;
  let summary = v.summary ?? null;
  let classification: { rule: string; confidence: number } = { rule: category ? 'input' : 'none', confidence: category ? 1 : 0 };
  let suggestions: { sector: string; category: string; confidence: number }[] = [];
  if (!category || !municipality) {
    const found = app.structurer.structure(v.text, { sectorCode });
    suggestions = (found.suggestions ?? []).map((s) => ({ sector: s.sectorCode, category: s.categoryCode, confidence: s.confidence }));
    summary ??= found.summary;
    if (!municipality && found.municipalityCode) municipality = directory.municipalityByCode.get(found.municipalityCode);
    const guess = found.categoryCode ? directory.categoryByCode.get(found.categoryCode) : undefined;
    if (!category) {
      classification = { rule: found.rule, confidence: found.confidence };
      const confident = found.confidence >= app.config.STRUCTURING_MIN_CONFIDENCE;
      if (guess && confident && enabled(guess.sectorCode) && (!sectorCode || guess.sectorCode === sectorCode)) {
        category = guess;
        sectorCode = guess.sectorCode;
      }
    }
  }
  const plugin = sectorCode ? enabled(sectorCode) : undefined;
  const details = v.details == null ? null : parseDetails(plugin, sectorCode, v.details);

  const facts: AppealFacts = {
    channel: v.channel,
    text: v.text,
    sectorCode,
    categoryCode: category?.code ?? null,
    municipalityCode: municipality?.code ?? null,
    address: v.address ?? null,
    receivedAt: v.receivedAt,
    details: (details?.value as Record<string, unknown> | undefined) ?? null,
    complainedAboutOrganizationCodes: complaintAgainst ? [complaintAgainst.code] : [],
  };

  const policy = app.config.deadlinePolicy;
  let regime: string;
  try {
    regime = statutoryRules(v.channel, v.fz59 ?? undefined, policy).regime;
  } catch (error) {
    throw deadlineApiError(error, 'channel');
  }
  const needsStructuring = !category;
  const registeredNow = regime !== 'FZ59';
  let status = registeredNow ? AppealStatus.REGISTERED : AppealStatus.NEW;
  let routing: RoutingDecision | null = null;
  if (explicitOrg) {
    routing = { organization: explicitOrg, rule: 'input.organization', description: 'Ответственный орган указан каналом поступления' };
  } else if (registeredNow && !needsStructuring) {
    routing = routeAppeal(plugin, facts, directory);
  }
  if (routing && registeredNow) status = AppealStatus.ASSIGNED;

  let plan;
  try {
    plan = planDeadline(
      {
        channel: v.channel,
        fz59: regime === 'FZ59',
        status: registeredNow ? AppealStatus.REGISTERED : AppealStatus.NEW,
        receivedAt: v.receivedAt,
        registeredAt: registeredNow ? now : null,
        extensionDays: 0,
        pausedMs: 0,
      },
      input.officialPageComment ? [...matchUrgentRules(plugin, facts), officialPageCommentRule(policy)] : matchUrgentRules(plugin, facts),
      app.calendar,
      policy,
    );
  } catch (error) {
    throw deadlineApiError(error, 'receivedAt');
  }

  const id = randomUUID();
  const intakeStatus = registeredNow ? AppealStatus.REGISTERED : AppealStatus.NEW;
  const events: PlannedEvent[] = [
    {
      type: registeredNow ? 'REGISTERED' : 'RECEIVED',
      fromStatus: null,
      toStatus: intakeStatus,
      data: {
        channel: v.channel,
        externalId: v.externalId ?? null,
        dueAt: plan.dueAt.toISOString(),
        deadlineRule: plan.decidingRule,
        structuring: { sector: sectorCode, category: category?.code ?? null, municipality: municipality?.code ?? null, ...classification, needsStructuring },
      },
    },
  ];
  if (routing) {
    events.push({
      type: 'ASSIGNED',
      fromStatus: intakeStatus,
      toStatus: status,
      reason: routing.description,
      data: { organizationId: routing.organization.id, organizationCode: routing.organization.code, rule: routing.rule, auto: true },
    });
  }
  const sectorId = sectorCode ? (directory.sectorByCode.get(sectorCode)?.id ?? null) : null;
  const author = v.author ?? null;
  const keys = { email: emailKey(author?.email), phone: phoneKey(author?.phone), address: addressKey(v.address, ctx.app.region.region.addressWords) };
  return {
    id,
    channel: v.channel,
    externalId: v.externalId ?? null,
    receivedAt: v.receivedAt,
    categoryId: category?.id ?? null,
    keys,
    details,
    events,
    columns: {
      id,
      channel: v.channel,
      external_id: v.externalId ?? null,
      status,
      text: v.text,
      summary,
      author_name: author?.name ?? null,
      author_email: author?.email ?? null,
      author_phone: author?.phone ?? null,
      author_address: author?.address ?? null,
      // Consent to notices, kept with the contact it was given for (152-ФЗ art. 9); without a contact it means nothing.
      author_notify_consent: Boolean(author?.notifyConsent && (author.email || author.phone)),
      address: v.address ?? null,
      latitude: v.location?.latitude ?? null,
      longitude: v.location?.longitude ?? null,
      municipality_id: municipality?.id ?? null,
      sector_id: sectorId,
      category_id: category?.id ?? null,
      organization_id: routing?.organization.id ?? null,
      complaint_against_id: complaintAgainst?.id ?? null,
      fz59: regime === 'FZ59',
      received_at: v.receivedAt,
      registered_at: registeredNow ? now : null,
      due_at: plan.dueAt,
      deadline_starts_at: plan.startsAt,
      deadline_rules: plan.rules,
      deadline_rule: plan.decidingRule,
      classification,
      needs_structuring: needsStructuring,
      // Shown to the ЦУР specialist who structures the appeal by hand.
      structuring_suggestions: needsStructuring && suggestions.length ? suggestions : null,
      source_status: v.sourceStatus ?? null,
      raw: v.raw === undefined ? null : v.raw,
      details: details ? details.value : null,
      author_email_key: keys.email,
      author_phone_key: keys.phone,
      address_key: keys.address,
      created_at: now,
      updated_at: now,
    },
  };
}
