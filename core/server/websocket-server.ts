import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticateRequest, type Credentials } from '../auth/authenticate.js';
import { createLazyRequestContext } from '../auth/request-context.js';
import type { LiveConnection } from '../live/live-connection.js';
import { subscribeShared } from '../live/shared-execution.js';
import { createErrorFormatter } from './format-error.js';
import { graphqlLimits } from './graphql-limits.js';
import type { RateLimits } from '../http/rate-limit.js';

interface ConnectionExtra {
  socket: WebSocket;
  request?: IncomingMessage;
  ip?: string | null;
  user?: AuthUser;
  credentials?: Credentials;
  live?: LiveConnection;
}

/** How long a socket closed for slowness may take to read the close frame before it is cut. */
const CLOSE_GRACE_MS = 10_000;

function liveConnection(extra: ConnectionExtra): LiveConnection {
  extra.live ??= {
    cache: new Map(),
    close(code, reason) {
      const socket = extra.socket;
      if (socket.readyState !== socket.OPEN) return;
      socket.close(code, reason);
      // A client that reads nothing never answers the close frame: cut it, so its buffers go.
      setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
    },
    // As graphql-ws's own adapter sends (graphql-ws/use/ws).
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        const socket = extra.socket;
        if (socket.readyState !== socket.OPEN) return resolve();
        socket.send(data, (error) => (error ? reject(error) : resolve()));
      }),
  };
  return extra.live;
}

/** Distinct valid subscription texts kept parsed (the cache starts afresh past it). */
const MAX_CACHED_DOCUMENTS = 1_000;

/** The protocol's close code for credentials that are not (or no longer) valid. */
const FORBIDDEN_CLOSE_CODE = 4403;

/**
 * Checks an open socket's credentials again every WS_REAUTH_SECONDS (the
 * first time at a random point of the interval, so that sockets opened
 * together do not check together): a subscription of a deactivated user, an
 * expired token, one older than a password or role change, or a revoked API
 * key stops streaming within that time; the socket is closed with 4403.
 */
function recheckCredentials(app: AppServices, extra: ConnectionExtra): void {
  const intervalMs = app.config.WS_REAUTH_SECONDS * 1000;
  if (!intervalMs) return;
  let timer: NodeJS.Timeout;
  const check = async () => {
    const socket = extra.socket;
    if (socket.readyState !== socket.OPEN) return;
    try {
      if (!(await authenticateRequest(app, extra.credentials ?? {}))) throw new Error('no credentials');
      timer = setTimeout(check, intervalMs).unref();
    } catch {
      app.logger.info({ userId: extra.user?.id }, 'live updates: credentials no longer valid, closing the socket');
      socket.close(FORBIDDEN_CLOSE_CODE, 'Forbidden');
    }
  };
  timer = setTimeout(check, Math.round(intervalMs * (0.5 + Math.random() / 2))).unref();
  extra.socket.once('close', () => clearTimeout(timer));
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
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: app.config.HTTP_BODY_LIMIT_MB * 1024 * 1024 });
  const format = createErrorFormatter(app.logger, app.config.NODE_ENV === 'development');
  const limits = graphqlLimits(app.config);
  const rules = [...specifiedRules, ...limits.validationRules];
  // The `next` payload: errors formatted as over HTTP; without errors, graphql-ws's own (no `errors` key).
  const nextPayload = (result: ExecutionResult) => {
    const { errors, ...rest } = result;
    return errors ? { ...result, errors: errors.map((error) => format(error.toJSON(), error)) } : rest;
  };
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
  const cleanup = useServer(
    {
      schema,
      connectionInitWaitTimeout: app.config.WS_INIT_TIMEOUT_SECONDS * 1000,
      // A live event is executed once per access class and query, not once per subscriber.
      subscribe: (args) => subscribeShared(args, (result) => JSON.stringify(nextPayload(result))),
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
        // The upgrade request (headers, parser state: kilobytes) is not kept for the socket's life, only the address.
        extra.ip = extra.request?.socket?.remoteAddress ?? null;
        delete extra.request;
        const params = ctx.connectionParams as Record<string, unknown> | undefined;
        const credentials: Credentials = {
          authorization: param(params, 'authorization', 'Authorization'),
          apiKey: param(params, 'x-api-key', 'X-Api-Key', 'apiKey'),
        };
        try {
          extra.user = (await authenticateRequest(app, credentials)) ?? undefined;
          extra.credentials = credentials;
          if (extra.user) recheckCredentials(app, extra);
          return Boolean(extra.user);
        } catch {
          return false;
        }
      },
      context: async (ctx, operationId) => {
        const extra = ctx.extra as ConnectionExtra;
        const ip = extra.ip ?? null;
        const connection = liveConnection(extra);
        try {
          const user = await authenticateRequest(app, extra.credentials ?? {});
          return Object.assign(createLazyRequestContext(app, user), { ip, connection, operationId });
        } catch (authError) {
          return Object.assign(createLazyRequestContext(app, null), { authError, ip, connection, operationId });
        }
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? nextPayload(result) : undefined),
      // Errors of the document itself (validation) carry no code of their own; a failure while streaming does.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) =>
          format(error.originalError ? error.toJSON() : { ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions } }, error),
        ),
    },
    wss,
  );
  return {
    async dispose() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
