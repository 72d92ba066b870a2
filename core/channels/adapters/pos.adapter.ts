import { z } from 'zod';
import { AppealStatus, Channel } from '../../entities/enums.js';
import type { AdapterContext, ChannelAdapter, MapResult } from './channel-adapter.js';
import posStatuses from '../data/pos-statuses.json' with { type: 'json' };
import { classifierTarget, parseJsonBatch, sectorsOf, zodFieldErrors, authorContactFields } from './adapter-helpers.js';

/**
 * A message of the federal feedback platform (ПОС, Resolution No. 1802 of
 * 10.11.2020) as a connector delivers it. The format is documented in
 * docs/channels/pos-message.md.
 */
const isoWithOffset = z.iso.datetime({ offset: true, error: 'Ожидается дата и время ISO 8601 с часовым поясом, например 2026-11-20T09:15:00+03:00' });

export const posMessageSchema = z.object({
  id: z
    .union([z.string().trim().min(1).max(200, { error: 'id: не длиннее 200 символов' }), z.number().int().nonnegative()], {
      error: 'Нужен идентификатор сообщения в ПОС (id)',
    })
    .transform(String),
  categoryName: z.string().trim().min(1).nullish(),
  subcategoryName: z.string().trim().min(1).nullish(),
  text: z
    .string({ error: 'Нужен текст сообщения (text)' })
    .trim()
    .min(1, { error: 'Текст сообщения пуст' })
    .max(20_000, { error: 'Текст сообщения длиннее 20 000 символов' }),
  address: z.string().trim().min(1).max(1000).nullish(),
  municipality: z.string().trim().min(1).nullish(),
  coordinates: z
    .object({
      latitude: z.number().min(-90, { error: 'Широта от -90 до 90' }).max(90, { error: 'Широта от -90 до 90' }),
      longitude: z.number().min(-180, { error: 'Долгота от -180 до 180' }).max(180, { error: 'Долгота от -180 до 180' }),
    })
    .nullish(),
  attachments: z
    .array(z.object({ url: z.url({ protocol: /^https?$/, error: 'Ссылка на вложение должна быть адресом http(s)' }), name: z.string().nullish() }))
    .max(50)
    .nullish(),
  createdAt: isoWithOffset,
  fz59: z.boolean({ error: 'fz59 должно быть true или false' }).default(false),
  author: z
    .object({
      ...authorContactFields,
    })
    .nullish(),
  status: z.string().trim().min(1).nullish(),
});

export type PosMessage = z.input<typeof posMessageSchema>;

const statusTable = (posStatuses as { statuses: Record<AppealStatus, { code: string; label: string }> }).statuses;

/** Our status → the ПОС connector's status code. */
export const posStatusOut = (status: AppealStatus): string => statusTable[status].code;
export const posStatusLabel = (status: AppealStatus): string => statusTable[status].label;

/** The time a message was too far in the future to be believed (clock skew between systems). */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

function mapPosMessage(record: Record<string, unknown>, ctx: AdapterContext): MapResult {
  const parsed = posMessageSchema.safeParse(record);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const m = parsed.data;
  const receivedAt = new Date(m.createdAt);
  if (receivedAt.getTime() > ctx.now.getTime() + FUTURE_TOLERANCE_MS) {
    return { ok: false, errors: [{ field: 'createdAt', message: 'Дата создания сообщения в будущем' }] };
  }
  const { sector, category } = classifierTarget(ctx.posCategory(m.categoryName, m.subcategoryName), ctx.categorySectors, sectorsOf(ctx.categorySectors));
  return {
    ok: true,
    input: {
      channel: Channel.POS,
      externalId: m.id,
      text: m.text,
      receivedAt,
      author: m.author ? { name: m.author.name ?? null, email: m.author.email ?? null, phone: m.author.phone ?? null } : null,
      address: m.address ?? null,
      location: m.coordinates ?? null,
      municipalityCode: (m.municipality && ctx.municipalityCode(m.municipality)) || (m.address ? ctx.municipalityCode(m.address) : null),
      sector,
      category,
      // A ПОС message is not a 59-ФЗ appeal unless the platform flags it (DOMAIN.md "What comes in").
      fz59: m.fz59,
      sourceStatus: m.status ?? null,
      details: null,
      raw: record,
    },
  };
}

export const posAdapter: ChannelAdapter<Record<string, unknown>, Record<string, never>> = {
  code: 'pos',
  channel: Channel.POS,
  channels: [Channel.POS],
  title: 'Платформа обратной связи (ПОС)',
  parse: (input) => parseJsonBatch(input, 'messages'),
  externalIdOf: (record) => {
    const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id).trim() : '';
    return id && id.length <= 200 ? id : null;
  },
  map: (record, ctx) => mapPosMessage(record, ctx),
  mapStatusOut: posStatusOut,
};
