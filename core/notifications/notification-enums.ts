import { registerEnum } from '../graphql/register-enum.js';
/** Where a message goes. */
export enum DeliveryChannel {
  /** E-mail through SMTP (nodemailer). */
  EMAIL = 'EMAIL',
  /** SMS through a gateway's webhook (POST JSON to SMS_WEBHOOK_URL). */
  SMS = 'SMS',
  /** A record for the ПОС integration to take (the platform's own notices). */
  POS = 'POS',
  /** A record for a post on the speaking body's official pages (госпаблики). */
  OFFICIAL_PAGE = 'OFFICIAL_PAGE',
  /** Delivers to nobody, records what would have been sent (the demo's default). */
  DRY_RUN = 'DRY_RUN',
}

/** QUEUED → SENDING → SENT | FAILED (SENDING → QUEUED again on a retry or after a crash). */
export enum DeliveryStatus {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

registerEnum(DeliveryChannel, 'DeliveryChannel', 'Канал доставки уведомлений', {
  EMAIL: 'Электронная почта (SMTP)',
  SMS: 'SMS через шлюз (webhook)',
  POS: 'Запись для ПОС',
  OFFICIAL_PAGE: 'Публикация на официальных страницах органа',
  DRY_RUN: 'Пробный прогон: никому не отправляется, только записывается',
});
