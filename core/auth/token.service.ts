import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { createSecretKey, randomUUID } from 'node:crypto';
import { Role } from '../entities/enums.js';
import { unauthenticated } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';
import type { JwtKeys } from '../config/jwt-keys.js';

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

/** A token whose signature and claims passed, with the moments that decide whether it still holds. */
export interface VerifiedEntry {
  verified: VerifiedToken;
  expiresAt: number;
  notBefore: number | null;
}

/**
 * Issues and verifies access tokens. Verification pins the configured
 * algorithm (so `alg: none` and HS256-with-the-public-key confusion are
 * refused), and requires exp, iat, iss, aud, sub and jti.
 */
export class TokenService {
  private readonly signingKey: jwt.Secret;
  private readonly verifyingKey: jwt.Secret;
  /**
   * Tokens already verified, by their text. A client sends the same token with
   * every request; checking its signature and claims again each time was about
   * 0.09 ms of a page request. What depends on the moment (exp, nbf) is checked
   * on every use; the signature, issuer, audience and claims of a given text
   * cannot change, and the keys are fixed for this instance.
   */
  private readonly verifiedTokens = new LRUCache<string, VerifiedEntry>({ max: 2000 });

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
    const known = this.verifiedTokens.get(token);
    if (known) return checkMoments(known, nowSeconds).verified;
    return this.verifyAnew(token, nowSeconds, true).verified;
  }

  /**
   * As `verify`, with the moments that decide whether the token still holds,
   * and without remembering a token not yet known: a WebSocket keeps those
   * moments and checks them again itself, not the token's text (memory per
   * subscriber; the cache would keep the text as long as the socket lives).
   */
  verifyOnce(token: string, now: Date): VerifiedEntry {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const known = this.verifiedTokens.get(token);
    return known ? checkMoments(known, nowSeconds) : this.verifyAnew(token, nowSeconds, false);
  }

  private verifyAnew(token: string, nowSeconds: number, remember: boolean): VerifiedEntry {
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
    const verified: VerifiedToken = Object.freeze({
      user: Object.freeze({
        id: claims.sub,
        role: claims.role,
        organizationId: claims.org ?? null,
        sectors: Object.freeze(Array.isArray(claims.sectors) ? [...claims.sectors] : []) as string[],
      }),
      tokenVersion: typeof claims.ver === 'number' ? claims.ver : 0,
      tokenId: claims.jti,
    });
    const entry: VerifiedEntry = { verified, expiresAt: claims.exp, notBefore: typeof claims.nbf === 'number' ? claims.nbf : null };
    if (remember) this.verifiedTokens.set(token, entry);
    return entry;
  }
}

/** jsonwebtoken's own rules for a token verified before: expired from exp on, valid from nbf on. */
export function checkMoments<E extends Pick<VerifiedEntry, 'expiresAt' | 'notBefore'>>(entry: E, nowSeconds: number): E {
  if (nowSeconds >= entry.expiresAt) throw unauthenticated('Срок действия токена истёк');
  if (entry.notBefore !== null && nowSeconds < entry.notBefore) throw unauthenticated(INVALID);
  return entry;
}
