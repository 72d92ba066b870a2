import type { Request, RequestHandler, Response } from 'express';
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { GraphQLError } from 'graphql';
import type { Config } from '../config/config.js';
import type { RequestContext } from '../auth/request-context.js';

const MESSAGE = 'Слишком много запросов, повторите позже';

function retryAfterSeconds(refusal: unknown): number {
  return refusal instanceof RateLimiterRes ? Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) : 60;
}

/** The GraphQL-over-HTTP body of a refusal, as every other error: JSON with `extensions.code`. */
export function tooManyRequestsBody() {
  return { errors: [{ message: MESSAGE, extensions: { code: 'TOO_MANY_REQUESTS' } }] };
}

/** Answers a refused request; by default as GraphQL over HTTP does (JSON with `extensions.code`). */
export type RefusalResponder = (req: Request, res: Response, retryAfter: number) => void;

const graphqlRefusal: RefusalResponder = (_req, res, retryAfter) => {
  res.status(429).setHeader('Retry-After', String(retryAfter));
  res.json(tooManyRequestsBody());
};

/** Whether a REST request names a caller at all (a token, an API key header, Open311's api_key parameter). */
function hasCredentials(req: Request): boolean {
  return Boolean(req.headers.authorization || req.headers['x-api-key'] || (req.query as Record<string, unknown> | undefined)?.api_key);
}

const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

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

  /**
   * Express middleware: one point of the address's quota per request, before
   * the body is read. The same quota covers GraphQL over HTTP and the REST
   * routes (/channels, /open311, /reports), so no route is a way around it.
   */
  addressLimit(refuse: RefusalResponder = graphqlRefusal): RequestHandler {
    return limitBy(this.byAddress, addressOf, refuse);
  }

  /**
   * Express middleware for public REST reads (Open311's requests without a
   * key): callers that name no credentials get a quota of their own per
   * address, much smaller than a signed-in client's, since nothing else
   * bounds them. Callers with credentials pass (their credentials are
   * checked by the route).
   */
  anonymousLimit(pointsPerMinute: number, refuse: RefusalResponder = graphqlRefusal): RequestHandler {
    const limiter = pointsPerMinute > 0 ? new RateLimiterMemory({ points: pointsPerMinute, duration: 60 }) : null;
    const consume = limitBy(limiter, addressOf, refuse);
    return (req, res, next) => (hasCredentials(req) ? next() : consume(req, res, next));
  }

  /**
   * One point of the signed-in caller's quota, keyed by user (a fresh token
   * does not reset it); throws TOO_MANY_REQUESTS (with Retry-After for HTTP)
   * when it is spent. Every GraphQL operation costs one, whatever the
   * transport: a query or mutation over HTTP or WebSocket, and subscribing
   * (once; the events it streams cost nothing).
   */
  async consumeOperation(userId: string): Promise<void> {
    if (!this.byUser) return;
    try {
      await this.byUser.consume(userId);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      throw new GraphQLError(MESSAGE, {
        extensions: {
          code: 'TOO_MANY_REQUESTS',
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds(refusal))]]) },
        },
      });
    }
  }

  /** Apollo plugin: consumeOperation for each HTTP operation, once the context has authenticated the caller. */
  userLimit(): ApolloServerPlugin<RequestContext> {
    const limits = this;
    return {
      async requestDidStart() {
        if (!limits.byUser) return;
        return {
          async didResolveOperation({ contextValue }) {
            await contextValue.resolveCaller?.(contextValue);
            if (contextValue.user) await limits.consumeOperation(contextValue.user.id);
          },
        };
      },
    };
  }
}

/** One point of `limiter` per request under `keyOf(req)`; a spent quota is answered by `refuse`. */
function limitBy(limiter: RateLimiterMemory | null, keyOf: (req: Request) => string, refuse: RefusalResponder): RequestHandler {
  return async (req, res, next) => {
    if (!limiter) return next();
    try {
      await limiter.consume(keyOf(req));
      next();
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return next(refusal);
      refuse(req, res, retryAfterSeconds(refusal));
    }
  };
}
