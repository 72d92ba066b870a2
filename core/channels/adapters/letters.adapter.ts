import { z } from 'zod';
import { Channel } from '../../entities/enums.js';
import type { AdapterContext, ChannelAdapter, MapResult } from './channel-adapter.js';
import { parseJsonBatch, zodFieldErrors, authorContactFields } from './adapter-helpers.js';

/**
 * A letter or an e-mail under 59-ФЗ, entered by a ЦУР specialist from the
 * scan or the message. It is an appeal (art. 4), so the lifecycle gives it
 * the 59-ФЗ clock: registration within 3 days of receipt (art. 8 part 2),
 * then 30 days from registration (art. 12 part 1).
 */
export const letterSchema = z.object({
  kind: z.enum(['LETTER', 'EMAIL'], { error: 'kind: LETTER (письмо) или EMAIL (электронная почта)' }),
  /**
   * What identifies this letter at the source, so that entering it twice
   * does not make two appeals: the e-mail's Message-ID, the postal item's
   * tracking number, or the scan's number in the mail log.
   */
  sourceId: z
    .string({ error: 'Нужен идентификатор письма (sourceId): Message-ID, почтовый идентификатор или номер скана' })
    .trim()
    .min(1)
    .max(180, { error: 'sourceId: не длиннее 180 символов' }),
  receivedAt: z.iso.datetime({ offset: true, error: 'Дата поступления: ISO 8601 с часовым поясом' }),
  text: z.string({ error: 'Нужен текст обращения' }).trim().min(1, { error: 'Текст обращения пуст' }).max(100_000),
  author: z
    .object({
      ...authorContactFields,
      /** 59-ФЗ art. 7 part 1: the postal address for the answer. */
      postalAddress: z.string().trim().min(1).max(1000).nullish(),
    })
    .nullish(),
  address: z.string().trim().min(1).max(1000).nullish(),
  municipalityId: z.uuid({ error: 'municipalityId должен быть UUID' }).nullish(),
  sector: z.string().trim().min(1).nullish(),
  category: z.string().trim().min(1).nullish(),
  attachments: z
    .array(z.object({ url: z.url({ protocol: /^https?$/ }), name: z.string().nullish() }))
    .max(50)
    .nullish(),
});

export type LetterRecord = z.input<typeof letterSchema>;

export function mapLetter(record: Record<string, unknown>, ctx: AdapterContext): MapResult {
  const parsed = letterSchema.safeParse(record);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const letter = parsed.data;
  const receivedAt = new Date(letter.receivedAt);
  if (receivedAt.getTime() > ctx.now.getTime() + 10 * 60_000) {
    return { ok: false, errors: [{ field: 'receivedAt', message: 'Дата поступления в будущем' }] };
  }
  if (letter.category && !ctx.categorySectors.has(letter.category)) {
    return { ok: false, errors: [{ field: 'category', message: `Нет рубрики «${letter.category}» среди включённых отраслевых блоков` }] };
  }
  const channel = letter.kind === 'EMAIL' ? Channel.EMAIL : Channel.WRITTEN;
  return {
    ok: true,
    input: {
      channel,
      externalId: `${letter.kind === 'EMAIL' ? 'email' : 'letter'}:${letter.sourceId}`,
      text: letter.text,
      receivedAt,
      author: letter.author
        ? {
            name: letter.author.name ?? null,
            email: letter.author.email ?? null,
            phone: letter.author.phone ?? null,
            address: letter.author.postalAddress ?? null,
          }
        : null,
      address: letter.address ?? null,
      location: null,
      municipalityId: letter.municipalityId ?? null,
      municipalityCode: !letter.municipalityId && letter.address ? ctx.municipalityCode(letter.address) : null,
      sector: letter.category ? ctx.categorySectors.get(letter.category)! : (letter.sector ?? null),
      category: letter.category ?? null,
      fz59: true,
      sourceStatus: null,
      details: null,
      raw: record,
    },
  };
}

export const lettersAdapter: ChannelAdapter<Record<string, unknown>, Record<string, never>> = {
  code: 'letters',
  channel: Channel.WRITTEN,
  channels: [Channel.WRITTEN, Channel.EMAIL],
  title: 'Письма и электронная почта по 59-ФЗ (регистрирует специалист ЦУР)',
  parse: (input) => parseJsonBatch(input, 'letters'),
  externalIdOf: (record) =>
    typeof record.sourceId === 'string' && record.sourceId.trim() && record.sourceId.trim().length <= 180
      ? `${record.kind === 'EMAIL' ? 'email' : 'letter'}:${record.sourceId.trim()}`
      : null,
  map: (record, ctx) => mapLetter(record, ctx),
  mapStatusOut: (status) => status,
};
