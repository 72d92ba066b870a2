import { z } from 'zod';
import { Channel } from '../../entities/enums.js';
import type { AdapterContext, ChannelAdapter, MapResult } from './channel-adapter.js';
import { parseJsonBatch, zodFieldErrors } from './adapter-helpers.js';

/**
 * A GeoReport v2 `POST requests.json` from a 311 client or a city app. The
 * spec's field names are kept; `attribute[code]` values come as
 * `attributes` (the owning plugin's details). They come on a channel of their
 * own (OPEN311, so stats show them apart) and are messages, not 59-ФЗ appeals.
 */
const number = (name: string, min: number, max: number) =>
  z.union([z.number(), z.string().trim().min(1)]).transform((value, ctx) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) ctx.addIssue({ code: 'custom', message: `${name}: число от ${min} до ${max}` });
    return parsed;
  });

export const open311RequestSchema = z
  .object({
    service_code: z.string({ error: 'service_code обязателен' }).trim().min(1, { error: 'service_code обязателен' }),
    description: z.string({ error: 'description обязателен: опишите проблему' }).trim().min(1, { error: 'description пуст' }).max(20_000),
    lat: number('lat', -90, 90).nullish(),
    long: number('long', -180, 180).nullish(),
    address_string: z.string().trim().min(1).max(1000).nullish(),
    address_id: z.string().trim().min(1).nullish(),
    email: z.email({ error: 'email: некорректный адрес' }).nullish(),
    first_name: z.string().trim().max(200).nullish(),
    last_name: z.string().trim().max(200).nullish(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s()-]{5,20}$/, { error: 'phone: некорректный номер' })
      .nullish(),
    device_id: z.string().nullish(),
    account_id: z.string().nullish(),
    media_url: z.url({ protocol: /^https?$/ }).nullish(),
    attributes: z.record(z.string(), z.unknown()).nullish(),
  })
  .refine((r) => (r.lat != null && r.long != null) || r.address_string || r.address_id, {
    message: 'Укажите место: lat и long, address_string или address_id',
    path: ['lat'],
  });

export interface Open311Options {
  /** `<account>:<Idempotency-Key>`, or a fresh id when the client sent none. */
  externalId: string;
}

function mapRequest(record: Record<string, unknown>, ctx: AdapterContext, options: Open311Options): MapResult {
  const parsed = open311RequestSchema.safeParse(record);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const r = parsed.data;
  const sector = ctx.categorySectors.get(r.service_code);
  if (!sector) return { ok: false, errors: [{ field: 'service_code', message: `Нет услуги «${r.service_code}»` }] };
  const name = [r.last_name, r.first_name].filter(Boolean).join(' ') || null;
  return {
    ok: true,
    input: {
      channel: Channel.OPEN311,
      externalId: options.externalId,
      text: r.description,
      receivedAt: ctx.now,
      author: { name, email: r.email ?? null, phone: r.phone ?? null },
      address: r.address_string ?? null,
      location: r.lat != null && r.long != null ? { latitude: r.lat, longitude: r.long } : null,
      municipalityCode: r.address_string ? ctx.municipalityCode(r.address_string) : null,
      sector,
      category: r.service_code,
      details: r.attributes && Object.keys(r.attributes).length ? r.attributes : null,
      fz59: false,
      sourceStatus: null,
      raw: record,
    },
  };
}

export const open311Adapter: ChannelAdapter<Record<string, unknown>, Open311Options> = {
  code: 'open311',
  channel: Channel.OPEN311,
  channels: [Channel.OPEN311],
  title: 'Open311 GeoReport v2 (приложения города, клиенты 311)',
  parse: (input) => parseJsonBatch(input, 'requests'),
  externalIdOf: (_record, options) => options.externalId,
  map: mapRequest,
  mapStatusOut: (status) => status,
};
