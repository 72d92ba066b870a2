import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { appError } from '../errors/errors.js';

export interface LoginThrottleSettings {
  /** Failures per e-mail (from any address) before that e-mail is blocked. */
  maxFailuresPerEmail: number;
  /** Failures per client address (for any e-mail) before the address is blocked. */
  maxFailuresPerIp: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
  /** How long a block lasts. */
  blockSeconds: number;
}

const TABLE = 'login_throttle';

/**
 * Slows down password guessing: after N failed logins for one e-mail, or M
 * from one address, further attempts are refused with TOO_MANY_REQUESTS and
 * `retryAfterSeconds`, whatever the password, until the block ends.
 *
 * Counters live in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres on
 * the app's own knex pool, table `login_throttle` from the migrations), so
 * every API process sees the same counts. Keys are counted whether or not
 * the e-mail exists, so the answers do not tell the two apart; e-mails are
 * stored hashed, never in the clear. Windows and blocks run on the wall
 * clock (the library's `Date.now()`), not on the app's injectable clock.
 */
export class LoginThrottle {
  private readonly byEmail: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(
    knex: Knex,
    private readonly settings: LoginThrottleSettings,
  ) {
    const common = { storeClient: knex, storeType: 'knex', tableName: TABLE, tableCreated: true, duration: settings.windowSeconds };
    this.byEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'login-email', points: settings.maxFailuresPerEmail });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'login-ip', points: settings.maxFailuresPerIp });
  }

  /** Throws TOO_MANY_REQUESTS while the e-mail or the address is blocked. */
  async check(email: string, ip: string | null): Promise<void> {
    const [byEmail, byIp] = await Promise.all([this.byEmail.get(emailKey(email)), ip ? this.byIp.get(ipKey(ip)) : null]);
    const waits = [
      blockedFor(byEmail, this.settings.maxFailuresPerEmail),
      blockedFor(byIp, this.settings.maxFailuresPerIp),
    ].filter((ms): ms is number => ms !== null);
    if (waits.length) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw appError('TOO_MANY_REQUESTS', `Слишком много неудачных попыток входа. Повторите через ${retryAfterSeconds} с`, {
        retryAfterSeconds,
      });
    }
  }

  /** Counts a failure; the one that reaches the limit starts the block. */
  async failed(email: string, ip: string | null): Promise<void> {
    const block = this.settings.blockSeconds;
    const count = async (limiter: RateLimiterPostgres, key: string, max: number) => {
      const result = await limiter.penalty(key, 1);
      if (result.consumedPoints >= max) await limiter.block(key, block);
    };
    await Promise.all([
      count(this.byEmail, emailKey(email), this.settings.maxFailuresPerEmail),
      ip ? count(this.byIp, ipKey(ip), this.settings.maxFailuresPerIp) : null,
    ]);
  }

  /**
   * A successful login forgets the e-mail's failures. The address's count
   * stays: one valid account must not reset a guesser's budget for others.
   */
  async succeeded(email: string): Promise<void> {
    await this.byEmail.delete(emailKey(email));
  }
}

/** Milliseconds until the key may try again, or null when it is not blocked. */
function blockedFor(result: RateLimiterRes | null, max: number): number | null {
  if (!result || result.consumedPoints < max) return null;
  return result.msBeforeNext;
}

const emailKey = (email: string) => createHash('sha256').update(normalizeEmail(email)).digest('hex').slice(0, 40);

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const ipKey = (ip: string) => ip.replace(/^::ffff:/, '');

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
