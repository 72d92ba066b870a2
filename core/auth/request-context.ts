import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from './auth-user.js';
import type { Clock } from '../clock/clock.js';
import type { CoreServices } from '../config/core-services.js';
import { Loaders } from '../reference/cache/loaders.js';

/** What a subscription may do to its WebSocket connection. */
export interface LiveConnection {
  /** Closes the socket with a code and a reason the client can read. */
  close(code: number, reason: string): void;
  /** Writes one text frame; resolves once the socket has taken it (at once if it is no longer open). */
  write?(data: string): Promise<void>;
  /** Per-connection memo (e.g. the caller's organization subtree). */
  cache: Map<string, Promise<unknown>>;
}

/**
 * What every resolver gets: one per HTTP request or WebSocket operation.
 * `app` is the process's services as far as the resolver needs them: the
 * core's (CoreServices) unless it names a narrower interface of its feature
 * that extends them (`RequestContext<AuthServices>`).
 */
export interface RequestContext<S extends CoreServices = CoreServices> {
  app: S;
  em: EntityManager;
  user: AuthUser | null;
  loaders: Loaders;
  clock: Clock;
  requestId: string;
  /** A token that failed verification; raised by the access guard for non-public operations. */
  authError?: unknown;
  /**
   * Reads the caller's credentials and account on first call and sets `user`
   * or `authError` on the context given (Apollo hands resolvers a shallow copy
   * of the context, so it is set on that copy) (HTTP): deferred so that a document refused by validation
   * or the limits costs no SQL. Called by the access guard before any root field.
   */
  resolveCaller?: (into: RequestContext) => Promise<void>;
  /** The WebSocket the operation came on (subscriptions only). */
  connection?: LiveConnection;
  /** The graphql-ws operation id (subscriptions only). */
  operationId?: string;
  /** The client's address (Express `req.ip`), for login throttling. */
  ip?: string | null;
}

/** The one context factory, for HTTP and for graphql-ws. */
export function createRequestContext<S extends CoreServices>(app: S, user: AuthUser | null, requestId: string = randomUUID()): RequestContext<S> {
  const em = app.orm.em.fork() as EntityManager;
  return { app, em, user, loaders: new Loaders(em), clock: app.clock, requestId };
}

/**
 * The same, with the EntityManager and the loaders made on first use: for a
 * WebSocket operation, whose context lives as long as the subscription and
 * is mostly idle (memory per subscriber).
 */
export function createLazyRequestContext<S extends CoreServices>(app: S, user: AuthUser | null, requestId: string = randomUUID()): RequestContext<S> {
  const ctx = { app, user, clock: app.clock, requestId } as RequestContext<S>;
  setLazyScope(ctx);
  return ctx;
}

/** Replaces a context's EntityManager and loaders by ones made on first use; `loaders` builds the loaders on the EntityManager getter. */
export function setLazyScope(ctx: RequestContext<CoreServices>, loaders: (em: () => EntityManager) => Loaders = (em) => new Loaders(em)): void {
  let em: EntityManager | undefined;
  let made: Loaders | undefined;
  const fork = () => (em ??= ctx.app.orm.em.fork() as EntityManager);
  Object.defineProperty(ctx, 'em', { get: fork, set: (value: EntityManager) => (em = value), configurable: true, enumerable: true });
  Object.defineProperty(ctx, 'loaders', {
    get: () => (made ??= loaders(fork)),
    set: (value: Loaders) => (made = value),
    configurable: true,
    enumerable: true,
  });
}
