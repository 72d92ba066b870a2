import { z } from 'zod';

/** Delivery channels NOTIFY_CHANNELS may name (core/notifications). */
export const NOTIFY_CHANNEL_NAMES = ['email', 'sms', 'pos', 'official-page', 'dry-run'] as const;

/** Informing and notices (core/announcements, core/notifications; docs/informing.md). */
export const informingSettings = {
  NOTIFY_CHANNELS: z
    .string()
    .default('dry-run')
    .refine(
      (value) =>
        value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((c) => NOTIFY_CHANNEL_NAMES.includes(c as never)),
      {
        message: 'a comma-separated list of email, sms, pos, official-page, dry-run',
      },
    ),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('ЦУР <noreply@cur.local>'),
  SMS_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_LINK_BASE: z.string().url().optional(),
  NOTIFY_DELIVERY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(5),
  NOTIFY_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  // SMTP connections the e-mail channel keeps open (nodemailer's pool); twice as many messages are in flight.
  NOTIFY_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(10),
  // Webhook (SMS) requests in flight at once.
  NOTIFY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
  NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(10).default(600),
  NOTIFY_AUDIENCE_DAYS: z.coerce.number().int().min(1).default(365),
};
