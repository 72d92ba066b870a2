import jwt from 'jsonwebtoken';
import { createSecretKey, randomUUID } from 'node:crypto';
import { Role } from '../entities/enums.js';
import { unauthenticated } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';
import type { JwtKeys } from './jwt-keys.js';

export interface TokenSettings {
  keys: JwtKeys;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

interface Claims {
  sub: string;
  jti: string;
  role: Role;
  org: string | null;
  sectors: string[];
  /** The user's token version: bumped on password change, deactivation and role changes. */
  ver: number;
}

/** What a verified token says; the database still has the last word on the user (see authenticate.ts). */
export interface VerifiedToken {
  user: AuthUser;
  tokenVersion: number;
  tokenId: string;
}

const INVALID = 'Недействительный токен';

/**
 * Issues and verifies access tokens. Verification pins the configured
 * algorithm (so `alg: none` and HS256-with-the-public-key confusion are
 * refused), and requires exp, iat, iss, aud, sub and jti.
 */
export class TokenService {
  private readonly signingKey: jwt.Secret;
  private readonly verifyingKey: jwt.Secret;

  constructor(private readonly settings: TokenSettings) {
    const { keys } = settings;
    // The HS256 secret as a KeyObject made once: given a string, jsonwebtoken tries
    // createPublicKey on every call first (1.4 ms of CPU per request; 40 µs this way).
    if (keys.algorithm === 'HS256') {
      this.signingKey = this.verifyingKey = createSecretKey(Buffer.from(keys.secret, 'utf8'));
    } else {
      this.signingKey = keys.privateKey;
      this.verifyingKey = keys.publicKey;
    }
  }

  get algorithm(): JwtKeys['algorithm'] {
    return this.settings.keys.algorithm;
  }

  issue(user: AuthUser, now: Date, tokenVersion = 0): string {
    const claims: Claims = {
      sub: user.id,
      jti: randomUUID(),
      role: user.role,
      org: user.organizationId,
      sectors: user.sectors,
      ver: tokenVersion,
    };
    const iat = Math.floor(now.getTime() / 1000);
    return jwt.sign({ ...claims, iat, exp: iat + this.settings.ttlSeconds }, this.signingKey, {
      algorithm: this.settings.keys.algorithm,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    });
  }

  verify(token: string, now: Date): VerifiedToken {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    let payload: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.verifyingKey, {
        algorithms: [this.settings.keys.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTimestamp: nowSeconds,
      });
      if (typeof decoded === 'string') throw new Error('unexpected payload');
      payload = decoded;
    } catch (error) {
      const expired = error instanceof jwt.TokenExpiredError;
      throw unauthenticated(expired ? 'Срок действия токена истёк' : INVALID);
    }
    const claims = payload as jwt.JwtPayload & Partial<Claims>;
    // jsonwebtoken checks exp only when present: a token without one would never expire.
    if (typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw unauthenticated(INVALID);
    if (typeof claims.sub !== 'string' || !claims.sub || typeof claims.jti !== 'string' || !claims.jti) throw unauthenticated(INVALID);
    if (!claims.role || !Object.values(Role).includes(claims.role)) throw unauthenticated(INVALID);
    return {
      user: {
        id: claims.sub,
        role: claims.role,
        organizationId: claims.org ?? null,
        sectors: Array.isArray(claims.sectors) ? claims.sectors : [],
      },
      tokenVersion: typeof claims.ver === 'number' ? claims.ver : 0,
      tokenId: claims.jti,
    };
  }
}
