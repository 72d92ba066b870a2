import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { Credentials } from '../auth/authenticate.js';
import { authenticateSocket, recheckSocket, type HeldCredentials } from '../auth/socket-credentials.js';
import { createLazyRequestContext } from '../auth/request-context.js';
import { PeriodicChecks, SocketConnection } from './socket-upkeep.js';
import { serveGraphqlWs, type SocketExtra } from './graphql-ws-sockets.js';
import { subscribeShared } from '../live/shared-execution.js';
import { createErrorFormatter } from './format-error.js';
import { graphqlLimits } from './graphql-limits.js';
import type { RateLimits } from '../http/rate-limit.js';

interface ConnectionExtra extends SocketExtra {
  user?: AuthUser;
  /** What is checked again: for a token its account, version and expiry, not its text (socket-credentials.ts). */
  held?: HeldCredentials;
  live?: SocketConnection;
}

/** Distinct valid subscription texts kept parsed (the cache starts afresh past it). */
const MAX_CACHED_DOCUMENTS = 1_000;

/** The protocol's close code for credentials that are not (or no longer) valid. */
const FORBIDDEN_CLOSE_CODE = 4403;

/**
 * Checks open sockets' credentials again every WS_REAUTH_SECONDS (the first
 * time at a random point of the interval's second half, so that sockets
 * opened together do not check together): a subscription of a deactivated
 * user, an expired token, one older than a password or role change, or a
 * revoked API key stops streaming within that time; the socket is closed
 * with 4403. One timer for all sockets (socket-upkeep.ts).
 */
function credentialRechecks(app: AppServices): PeriodicChecks<ConnectionExtra> | null {
  const intervalMs = app.config.WS_REAUTH_SECONDS * 1000;
  if (!intervalMs) return null;
  return new PeriodicChecks<ConnectionExtra>(intervalMs, async (extra) => {
    try {
      if (!extra.held) throw new Error('no credentials');
      await recheckSocket(app, extra.held);
    } catch {
      app.logger.info({ userId: extra.user?.id }, 'live updates: credentials no longer valid, closing the socket');
      extra.socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden');
    }
  });
}

const param = (params: Record<string, unknown> | undefined, ...names: string[]): string | null => {
  for (const name of names) if (typeof params?.[name] === 'string') return params[name] as string;
  return null;
};

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) on the same
 * port and path as HTTP. The credentials come in connectionParams
 * (`authorization`: `Bearer <token>` or `ApiKey <key>`, or `x-api-key`) and
 * are checked on connection_init: a socket without valid ones is closed with
 * the protocol's 4403 Forbidden. They are checked again for every operation,
 * so a deactivated user or a revoked key starts nothing new, and every
 * WS_REAUTH_SECONDS on an open socket, which is closed with 4403 when they
 * no longer hold. Errors leave
 * formatted as over HTTP. The same validation rules as HTTP (one list,
 * graphql-limits.ts: tokens, depth, cost, aliases, directives, page size,
 * and with INTROSPECTION=0 no introspection and no "Did you mean") apply to
 * every operation; each operation, subscribing included, costs one point of
 * the caller's rate limit (rate-limit.ts), as an HTTP request does. A
 * message larger than the HTTP body limit closes the socket (1009).
 */
export function attachWebSocketServer(server: Server, app: AppServices, schema: GraphQLSchema, rateLimits: RateLimits) {
  // No per-message deflate (ws's default, said here so it stays): its zlib contexts would cost tens of KB per socket,
  // more than all of an idle subscription, for frames that are small JSON.
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: app.config.HTTP_BODY_LIMIT_MB * 1024 * 1024, perMessageDeflate: false });
  const format = createErrorFormatter(app.logger, app.config.NODE_ENV === 'development');
  const limits = graphqlLimits(app.config);
  const rules = [...specifiedRules, ...limits.validationRules];
  // The `next` payload: errors formatted as over HTTP; without errors, graphql-ws's own (no `errors` key).
  const nextPayload = (result: ExecutionResult) => {
    const { errors, ...rest } = result;
    return errors ? { ...result, errors: errors.map((error) => format(error.toJSON(), error)) } : rest;
  };
  const serializePayload = (result: ExecutionResult) => JSON.stringify(nextPayload(result));
  const rechecks = credentialRechecks(app);
  // Valid documents by their text: subscribers that send the same query share one parsed tree (memory per
  // subscriber) and it is validated once (parse and validation depend on the text, the schema and the rules only).
  const validDocuments = new Map<string, DocumentNode>();
  const documentOf = (query: string): DocumentNode | GraphQLError[] => {
    let document = validDocuments.get(query);
    if (document) return document;
    try {
      document = parse(query, limits.parseOptions);
    } catch (error) {
      const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
      return [
        new GraphQLError(syntax.message, {
          nodes: syntax.nodes,
          source: syntax.source,
          positions: syntax.positions,
          extensions: { code: 'GRAPHQL_PARSE_FAILED' },
        }),
      ];
    }
    const errors = validate(schema, document, rules);
    if (errors.length) return errors.map(limits.hideSuggestions);
    if (validDocuments.size >= MAX_CACHED_DOCUMENTS) validDocuments.clear();
    validDocuments.set(query, document);
    return document;
  };
  const cleanup = serveGraphqlWs<ConnectionExtra>(
    {
      schema,
      connectionInitWaitTimeout: app.config.WS_INIT_TIMEOUT_SECONDS * 1000,
      // A live event is executed once per access class and query, not once per subscriber.
      subscribe: (args) => subscribeShared(args, serializePayload),
      // Parsed and validated here (rather than by graphql-ws) so that the limits apply and a syntax error is an error message, not a closed socket.
      onSubscribe: async (ctx, _id, payload) => {
        const document = documentOf(payload.query);
        if (Array.isArray(document)) return document;
        const user = (ctx.extra as ConnectionExtra).user;
        if (user) {
          try {
            await rateLimits.consumeOperation(user.id);
          } catch (refusal) {
            if (!(refusal instanceof GraphQLError)) throw refusal;
            // No HTTP status on a socket: the code says it all.
            return [new GraphQLError(refusal.message, { extensions: { code: 'TOO_MANY_REQUESTS' } })];
          }
        }
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onConnect: async (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        const params = ctx.connectionParams as Record<string, unknown> | undefined;
        const credentials: Credentials = {
          authorization: param(params, 'authorization', 'Authorization'),
          apiKey: param(params, 'x-api-key', 'X-Api-Key', 'apiKey'),
        };
        // graphql-ws would keep the parameters (the token's text) for the socket's life; what is checked again is `held`.
        (ctx as { connectionParams?: unknown }).connectionParams = undefined;
        try {
          const caller = await authenticateSocket(app, credentials);
          if (!caller) return false;
          extra.user = caller.user;
          extra.held = caller.held;
          rechecks?.add(extra);
          return true;
        } catch {
          return false;
        }
      },
      context: async (ctx, operationId) => {
        const extra = ctx.extra as ConnectionExtra;
        const ip = extra.ip ?? null;
        const connection = (extra.live ??= new SocketConnection(extra.socket));
        try {
          const user = extra.held ? await recheckSocket(app, extra.held) : null;
          // The socket keeps the newest account read, one object with its contexts (memory per subscriber).
          if (user) extra.user = user;
          return Object.assign(createLazyRequestContext(app, user), { ip, connection, operationId });
        } catch (authError) {
          return Object.assign(createLazyRequestContext(app, null), { authError, ip, connection, operationId });
        }
      },
      onClose: (ctx) => rechecks?.delete(ctx.extra as ConnectionExtra),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? nextPayload(result) : undefined),
      // Errors of the document itself (validation) carry no code of their own; a failure while streaming does.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) =>
          format(error.originalError ? error.toJSON() : { ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions } }, error),
        ),
    },
    wss,
    // The upgrade request (headers, parser state: kilobytes) is not kept for the socket's life, only the address;
    // every field there from the start (one shape, no dictionary).
    (socket, request) => ({ socket, ip: request.socket?.remoteAddress ?? null, user: undefined, held: undefined, live: undefined }),
    app.logger,
  );
  return {
    async dispose() {
      rechecks?.stop();
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
