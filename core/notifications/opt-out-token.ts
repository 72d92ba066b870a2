import { createHash, createHmac } from 'node:crypto';

/**
 * A contact's opt-out token: an HMAC of the contact key under the server's
 * secret, so it is derived again when a message is sent and never stored;
 * the database keeps only its SHA-256 (notification_contact.token_hash), and
 * a token cannot be forged for someone else's contact without the secret.
 */
export function optOutToken(secret: string, contactKey: string): string {
  return createHmac('sha256', secret).update(`opt-out:${contactKey}`).digest('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The opt-out link for a contact. */
export function optOutUrl(base: string, secret: string, contactKey: string): string {
  return `${base.replace(/\/$/, '')}/notifications/opt-out?token=${optOutToken(secret, contactKey)}`;
}
