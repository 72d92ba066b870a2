import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { Clock } from '../clock/clock.js';
import { Loaders } from './loaders.js';
import type { LiveConnection } from '../live/live-connection.js';

/** What every resolver gets: one per HTTP request or WebSocket operation. */
export interface RequestContext {
  app: AppServices;
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
  /** The client's address (Express `req.ip`), for login throttling. */
  ip?: string | null;
}

/** The one context factory, for HTTP and for graphql-ws. */
export function createRequestContext(app: AppServices, user: AuthUser | null, requestId: string = randomUUID()): RequestContext {
  const em = app.orm.em.fork() as EntityManager;
  return { app, em, user, loaders: new Loaders(em), clock: app.clock, requestId };
}
