import nodemailer, { type Transporter } from 'nodemailer';
import type { CoreServices } from '../config/core-services.js';
import type { Config } from '../config/config.js';
import { DeliveryChannel } from './notification-enums.js';

/** One message to one recipient, as a transport takes it. */
export interface Outgoing {
  /** The outbox row: gateways may use it to drop a repeat (`Idempotency-Key`). */
  id: string;
  recipient: string;
  subject: string;
  body: string;
  shortText: string;
  optOutUrl: string;
}

/** Why a send failed; `permanent` ones are not retried (a refused address, a 4xx from the gateway). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export interface Transport {
  /** Resolves once the far side accepted the message (not when it reached the resident). */
  send(message: Outgoing): Promise<void>;
  close(): void;
  /** How many of this transport's sends a drain keeps in flight at once. */
  concurrency: number;
  /** Nothing is sent: the outbox row is the record (its acceptance needs no call). */
  recordOnly?: boolean;
}

/** nodemailer's pool: NOTIFY_SMTP_CONNECTIONS connections kept open and reused for every message. */
export const smtpPoolOptions = (config: Config) => ({ pool: true, maxConnections: config.NOTIFY_SMTP_CONNECTIONS, maxMessages: Infinity });

/** Messages in flight on the e-mail channel: two per connection, so a connection never waits for the next one. */
export const emailConcurrency = (config: Config) => config.NOTIFY_SMTP_CONNECTIONS * 2;

/** E-mail through SMTP_URL with nodemailer's pool (a few connections reused: hundreds of messages a second). */
function emailTransport(app: CoreServices): Transport {
  const transporter: Transporter = nodemailer.createTransport(app.config.SMTP_URL!, smtpPoolOptions(app.config) as never);
  return {
    concurrency: emailConcurrency(app.config),
    async send(message) {
      try {
        await transporter.sendMail({
          from: app.config.MAIL_FROM,
          to: message.recipient,
          subject: message.subject,
          text: message.body,
          // RFC 8058: mail clients show their own "unsubscribe" button.
          headers: { 'List-Unsubscribe': `<${message.optOutUrl}>`, 'X-Outbox-Id': message.id },
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        throw new DeliveryError(`SMTP: ${(error as Error).message}`.slice(0, 500), typeof code === 'number' && code >= 500 && code < 600);
      }
    },
    close: () => transporter.close(),
  };
}

/** SMS through a gateway's webhook: POST JSON { id, to, text } to SMS_WEBHOOK_URL; 2xx is acceptance. */
function smsTransport(app: CoreServices): Transport {
  const url = app.config.SMS_WEBHOOK_URL!;
  return {
    concurrency: app.config.NOTIFY_WEBHOOK_CONCURRENCY,
    async send(message) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `outbox-${message.id}` },
          body: JSON.stringify({ id: message.id, to: message.recipient, text: message.shortText }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new DeliveryError(`SMS webhook: ${(error as Error).message}`, false);
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.ok) return;
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408;
      throw new DeliveryError(`SMS webhook: HTTP ${response.status}`, permanent);
    },
    close: () => undefined,
  };
}

/**
 * ПОС notices and official-page posts: the outbox row itself is the record
 * those integrations take (by channel, SENT = handed over); nothing is sent
 * from here. The dry run delivers to nobody and records the same way.
 */
const recordTransport: Transport = { send: async () => undefined, close: () => undefined, concurrency: 1, recordOnly: true };

const transports = new WeakMap<CoreServices, Map<DeliveryChannel, Transport>>();

/** This process's transport for a channel (the SMTP pool is shared by every run). */
export function transportFor(app: CoreServices, channel: DeliveryChannel): Transport {
  let byChannel = transports.get(app);
  if (!byChannel) transports.set(app, (byChannel = new Map()));
  let transport = byChannel.get(channel);
  if (!transport) {
    if (channel === DeliveryChannel.EMAIL) {
      if (!app.config.SMTP_URL) throw new DeliveryError('SMTP_URL не задан', false);
      transport = emailTransport(app);
    } else if (channel === DeliveryChannel.SMS) {
      if (!app.config.SMS_WEBHOOK_URL) throw new DeliveryError('SMS_WEBHOOK_URL не задан', false);
      transport = smsTransport(app);
    } else {
      transport = recordTransport;
    }
    byChannel.set(channel, transport);
  }
  return transport;
}

/** Closes this process's transports (SMTP connections) when the app stops. */
export function closeTransports(app: CoreServices): void {
  for (const transport of transports.get(app)?.values() ?? []) transport.close();
  transports.delete(app);
}
