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

/** Makes the loaders of a lazy context's next scope (e.g. primed with what a live event already loaded). */
export interface ScopeLoaders {
  loadersFor(em: () => EntityManager): Loaders;
}

/**
 * A context whose EntityManager and loaders are made on first use: for a
 * WebSocket operation, whose context lives as long as the subscription and
 * is mostly idle. A class, so that an idle one is its fields only (the
 * accessors are the prototype's: no closures per subscriber).
 */
export class LazyRequestContext<S extends CoreServices = CoreServices> implements RequestContext<S> {
  clock: Clock;
  authError?: unknown;
  connection?: LiveConnection;
  operationId?: string;
  ip?: string | null;
  private forked: EntityManager | undefined = undefined;
  private made: Loaders | undefined = undefined;
  private scope: ScopeLoaders | undefined = undefined;
  private id: string | undefined;

  constructor(
    readonly app: S,
    public user: AuthUser | null,
    requestId?: string,
  ) {
    this.clock = app.clock;
    this.id = requestId;
  }

  /** Made when first read (most subscriptions never log or record one): randomUUID's text is a tree of a dozen string pieces. */
  get requestId(): string {
    return (this.id ??= randomUUID());
  }

  get em(): EntityManager {
    return (this.forked ??= this.app.orm.em.fork() as EntityManager);
  }

  set em(value: EntityManager) {
    this.forked = value;
  }

  get loaders(): Loaders {
    if (this.made) return this.made;
    // The loaders keep the EntityManager of their scope (made on their first read), whatever happens to the context's.
    let pinned: EntityManager | undefined;
    const em = () => (pinned ??= this.em);
    return (this.made = this.scope ? this.scope.loadersFor(em) : new Loaders(em));
  }

  set loaders(value: Loaders) {
    this.made = value;
  }

  /** Drops the EntityManager and loaders made so far; the next use makes new ones (the loaders by `scope`, when given). */
  renewScope(scope?: ScopeLoaders): void {
    this.forked = undefined;
    this.made = undefined;
    this.scope = scope;
  }
}

/** The same as createRequestContext, with the EntityManager and the loaders made on first use (LazyRequestContext). */
export function createLazyRequestContext<S extends CoreServices>(app: S, user: AuthUser | null, requestId?: string): RequestContext<S> {
  return new LazyRequestContext(app, user, requestId);
}

/** A context's EntityManager and loaders made anew on their next use (see LazyRequestContext.renewScope). */
export function renewScope(ctx: RequestContext<CoreServices>, scope?: ScopeLoaders): void {
  if (ctx instanceof LazyRequestContext) return ctx.renewScope(scope);
  let em: EntityManager | undefined;
  let made: Loaders | undefined;
  const fork = () => (em ??= ctx.app.orm.em.fork() as EntityManager);
  Object.defineProperty(ctx, 'em', { get: fork, set: (value: EntityManager) => (em = value), configurable: true, enumerable: true });
  Object.defineProperty(ctx, 'loaders', {
    get: () => (made ??= scope ? scope.loadersFor(fork) : new Loaders(fork)),
    set: (value: Loaders) => (made = value),
    configurable: true,
    enumerable: true,
  });
}
