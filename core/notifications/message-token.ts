import { createHmac } from 'node:crypto';
import type { CoreServices } from '../config/core-services.js';
import { derivePurposeKey } from '../auth/purpose-keys.js';

/**
 * A message's own link token (a survey invitation's one-use link): an HMAC
 * of the message's source and source id under the 'message-link' purpose
 * key, 43 characters of base64url. Derived again when the message is sent
 * (the drain puts it in place of MESSAGE_TOKEN_PLACEHOLDER) and never
 * stored: the feature that queued the message keeps only its SHA-256, so a
 * copy of the database holds no usable link, as with the opt-out tokens.
 */
export const MESSAGE_TOKEN_PLACEHOLDER = '{{messageToken}}';

export function messageTokenKey(app: Pick<CoreServices, 'config'>): Buffer {
  return derivePurposeKey(app.config.rootSecret, 'message-link').export();
}

export function messageToken(key: Buffer, source: string, sourceId: string): string {
  return createHmac('sha256', key).update(`${source}:${sourceId}`).digest('base64url');
}
