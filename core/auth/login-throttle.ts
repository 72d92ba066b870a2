import { createHash } from 'node:crypto';
import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
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

/** One password attempt that the throttle let through; say how it ended. */
export interface LoginAttempt {
  /** The password was right: the e-mail's count is forgotten, the address gets its point back. */
  succeeded(): Promise<void>;
  /** The password was wrong: the point taken stays counted. */
  failed(): void;
}

/**
 * Slows down password guessing: after N failed logins for one e-mail, or M
 * from one address, further attempts are refused with TOO_MANY_REQUESTS and
 * `retryAfterSeconds`, whatever the password, until the block ends.
 *
 * Check and count are one atomic step: an attempt takes its point
 * (rate-limiter-flexible's `consume`, one `INSERT ... ON CONFLICT DO UPDATE`)
 * BEFORE the password is compared, and only an attempt that got a point is
 * compared at all. So 31 guesses sent at once get at most N password checks,
 * not (as when the count followed the check) as many as were in flight.
 * A right password gives the points back (the e-mail's count is forgotten).
 *
 * Counters live in PostgreSQL (table `login_throttle`, created by the
 * migrations: the app's role may not create tables), reached through a
 * small `pg` pool of their own, so every API process sees the same counts.
 * Keys are counted whether or not the e-mail exists, so the answers do not
 * tell the two apart; e-mails are stored hashed, never in the clear. Windows
 * and blocks run on the wall clock (the library's `Date.now()`), not on the
 * app's injectable clock.
 */
export class LoginThrottle {
  private readonly byEmail: RateLimiterPostgres;
  private readonly byIp: RateLimiterPostgres;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: LoginThrottleSettings,
  ) {
    const common = {
      storeClient: pool,
      storeType: 'pool',
      tableName: TABLE,
      tableCreated: true,
      duration: settings.windowSeconds,
      blockDuration: settings.blockSeconds,
    };
    this.byEmail = new RateLimiterPostgres({ ...common, keyPrefix: 'login-email', points: settings.maxFailuresPerEmail });
    this.byIp = new RateLimiterPostgres({ ...common, keyPrefix: 'login-ip', points: settings.maxFailuresPerIp });
  }

  /** A throttle on its own pool of `databaseUrl` (two connections: one upsert per attempt and key). */
  static connect(databaseUrl: string, settings: LoginThrottleSettings): LoginThrottle {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'cur-api-login-throttle' });
    pool.on('error', () => undefined);
    return new LoginThrottle(pool, settings);
  }

  /**
   * Takes a point for the e-mail and one for the address, or throws
   * TOO_MANY_REQUESTS when either is spent (the password is then not
   * checked). Call before comparing the password.
   */
  async attempt(email: string, ip: string | null): Promise<LoginAttempt> {
    const emailId = emailKey(email);
    const ipId = ip ? ipKey(ip) : null;
    const results = await Promise.allSettled([this.byEmail.consume(emailId), ipId ? this.byIp.consume(ipId) : Promise.resolve(null)]);
    const refused: number[] = [];
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      // A store error fails closed: no password is checked without a count.
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      refused.push(result.reason.msBeforeNext);
    }
    if (refused.length) {
      const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...refused) / 1000));
      throw appError('TOO_MANY_REQUESTS', `Слишком много неудачных попыток входа. Повторите через ${retryAfterSeconds} с`, {
        retryAfterSeconds,
      });
    }
    return {
      // One valid account must not reset a guesser's budget for others: the address only gets back this attempt's point.
      succeeded: async () => {
        await Promise.all([this.byEmail.delete(emailId), ipId ? this.byIp.reward(ipId, 1) : null]);
      },
      failed: () => undefined,
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const emailKey = (email: string) => createHash('sha256').update(normalizeEmail(email)).digest('hex').slice(0, 40);

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const ipKey = (ip: string) => ip.replace(/^::ffff:/, '');

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
