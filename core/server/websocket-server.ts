import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { createRequestContext } from '../graphql/context.js';
import type { LiveConnection } from '../live/live-connection.js';
import { createErrorFormatter } from './format-error.js';

interface ConnectionExtra {
  socket: WebSocket;
  user?: AuthUser;
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
  };
  return extra.live;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) on the same
 * port and path as HTTP. The token comes in connectionParams.authorization and
 * is checked on connection_init: a socket without a valid one is closed with
 * the protocol's 4403 Forbidden. Errors leave formatted as over HTTP.
 */
export function attachWebSocketServer(server: Server, app: AppServices, schema: GraphQLSchema) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const format = createErrorFormatter(app.logger, app.config.NODE_ENV === 'development');
  const cleanup = useServer(
    {
      schema,
      onConnect: (ctx) => {
        const header = ctx.connectionParams?.authorization;
        if (typeof header !== 'string') return false;
        try {
          (ctx.extra as ConnectionExtra).user = app.tokens.fromHeader(header, app.clock.now()) ?? undefined;
          return Boolean((ctx.extra as ConnectionExtra).user);
        } catch {
          return false;
        }
      },
      context: (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        return { ...createRequestContext(app, extra.user ?? null), connection: liveConnection(extra) };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((error) => format(error.toJSON(), error)) } : undefined,
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
