import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/**
 * What a derived key may sign. Each purpose gets a key of its own, so a
 * token made for one purpose (a rating link) is worthless for any other (a
 * sign-in, a survey, a report download), whatever its claims say.
 */
export type KeyPurpose = 'rating-link' | 'survey-link' | 'report-download' | 'opt-out-link' | 'message-link';

/** Fixed salt: names this application and the derivation's version (change it to rotate every derived key at once). */
const SALT = 'cur-api/purpose-keys/v1';

/**
 * Derives the key of one purpose from the deployment's one secret (JWT_SECRET,
 * or the generated one in DATA_DIR) with HKDF-SHA256 (RFC 5869): `info` is the
 * purpose, so keys of different purposes are independent, and none of them is
 * the secret itself, which signs HS256 sign-in tokens. So one configured
 * secret still suffices to run; knowing a derived key reveals neither the
 * secret nor another purpose's key.
 */
export function derivePurposeKey(rootSecret: string, purpose: KeyPurpose): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', Buffer.from(rootSecret, 'utf8'), SALT, `cur-api:${purpose}`, 32)));
}

export interface PurposeTokenSettings {
  rootSecret: string;
  issuer: string;
}

/**
 * Signs and verifies the tokens of one purpose (HS256 with the purpose's
 * derived key; audience `cur-<purpose>`): the helper for every link that
 * works without logging in (rating links now; survey and download links).
 */
export class PurposeTokens<Claims extends object> {
  private readonly key: KeyObject;
  readonly audience: string;

  constructor(
    private readonly settings: PurposeTokenSettings,
    readonly purpose: KeyPurpose,
  ) {
    this.key = derivePurposeKey(settings.rootSecret, purpose);
    this.audience = `cur-${purpose}`;
  }

  sign(claims: Claims & { sub: string }, now: Date, expiresAt: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    return jwt.sign({ ...claims, iat, exp: Math.floor(expiresAt.getTime() / 1000) }, this.key, {
      algorithm: 'HS256',
      issuer: this.settings.issuer,
      audience: this.audience,
    });
  }

  /** The claims of a token of this purpose that verifies at `now`; null for anything else (forged, foreign, expired, malformed). */
  verify(token: string, now: Date): (jwt.JwtPayload & Partial<Claims>) | null {
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: this.settings.issuer,
        audience: this.audience,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
      if (typeof decoded === 'string' || typeof decoded.exp !== 'number') return null;
      return decoded as jwt.JwtPayload & Partial<Claims>;
    } catch {
      return null;
    }
  }
}
