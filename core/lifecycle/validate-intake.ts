import { z } from 'zod';
import { Channel } from '../entities/enums.js';
import { badInput } from '../errors/errors.js';
import { findUnsafeText } from '../graphql/unsafe-text.js';
import type { AppealIntake } from './intake-types.js';

/** Longer texts are refused rather than cut: the ЦУР must see the whole appeal. */
export const MAX_TEXT_LENGTH = 20_000;
/** Clock skew tolerated for `receivedAt` (a channel's clock may run slightly ahead). */
export const FUTURE_TOLERANCE_MS = 60_000;

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

/** An intake whose form is checked: trimmed, blanks as null, `receivedAt` a Date. */
export type ValidIntake = z.infer<typeof intakeSchema>;

/**
 * Step 1 of the write path: the intake's form, with no reference data. Text
 * that PostgreSQL or a reader could not take (NUL, a lone surrogate: raw
 * record and details included), a field of the wrong shape, a receipt in the
 * future: BAD_USER_INPUT naming the field.
 */
export function validateIntake(input: AppealIntake, now: Date): ValidIntake {
  const unsafe = findUnsafeText(input);
  if (unsafe) throw badInput(unsafe.field || 'input', unsafe.message);
  const data = parse(input);
  if (data.receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badInput('receivedAt', 'Дата поступления в будущем');
  }
  return data;
}

function parse(input: AppealIntake): ValidIntake {
  const parsed = intakeSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(issue.path.join('.') || 'input', issue.message);
  }
  return parsed.data;
}
