import type { RequestHandler } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GraphQLError } from 'graphql';
import type { Config } from '../config/config.js';
import type { RequestContext } from '../graphql/context.js';

const MESSAGE = 'Слишком много запросов, повторите позже';

function retryAfterSeconds(refusal: unknown): number {
  return refusal instanceof RateLimiterRes ? Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) : 60;
}

/** The GraphQL-over-HTTP body of a refusal, as every other error: JSON with `extensions.code`. */
export function tooManyRequestsBody() {
  return { errors: [{ message: MESSAGE, extensions: { code: 'TOO_MANY_REQUESTS' } }] };
}

/**
 * Request quotas per minute, per caller and per address, with 429 and
 * Retry-After when one is spent. rate-limiter-flexible keeps the counters in
 * this process's memory: a shared store (PostgreSQL, Redis) would add a
 * round trip to every request, more than the read path itself costs, to
 * protect a server that is meant to be fast. With N processes behind a
 * balancer a caller gets up to N quotas; set the limits for one process.
 * 0 turns a limit off. Logins are throttled separately (auth).
 */
export class RateLimits {
  private readonly byAddress: RateLimiterMemory | null;
  private readonly byUser: RateLimiterMemory | null;

  constructor(config: Pick<Config, 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_PER_IP_PER_MINUTE'>) {
    this.byAddress = config.RATE_LIMIT_PER_IP_PER_MINUTE > 0 ? new RateLimiterMemory({ points: config.RATE_LIMIT_PER_IP_PER_MINUTE, duration: 60 }) : null;
    this.byUser = config.RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiterMemory({ points: config.RATE_LIMIT_PER_MINUTE, duration: 60 }) : null;
  }

  /** Express middleware: one point of the address's quota per request, before the body is read. */
  addressLimit(): RequestHandler {
    return async (req, res, next) => {
      if (!this.byAddress) return next();
      try {
        await this.byAddress.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown');
        next();
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) return next(refusal);
        res.status(429).setHeader('Retry-After', String(retryAfterSeconds(refusal)));
        res.json(tooManyRequestsBody());
      }
    };
  }

  /**
   * Apollo plugin: one point of the signed-in caller's quota per operation
   * (keyed by user, so a fresh token does not reset it). Runs once the
   * context has authenticated the caller.
   */
  userLimit(): ApolloServerPlugin<RequestContext> {
    const limiter = this.byUser;
    return {
      async requestDidStart() {
        if (!limiter) return;
        return {
          async didResolveOperation({ contextValue }) {
            await contextValue.resolveCaller?.(contextValue);
            const user = contextValue.user;
            if (!user) return;
            try {
              await limiter.consume(user.id);
            } catch (refusal) {
              if (!(refusal instanceof RateLimiterRes)) throw refusal;
              throw new GraphQLError(MESSAGE, {
                extensions: {
                  code: 'TOO_MANY_REQUESTS',
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds(refusal))]]) },
                },
              });
            }
          },
        };
      },
    };
  }
}
