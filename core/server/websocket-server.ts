import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { createRequestContext } from '../graphql/context.js';

interface ConnectionExtra {
  user?: AuthUser;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-transport-ws) on the same
 * port and path as HTTP. The token comes in connectionParams.authorization and
 * is checked on connection_init: a socket without a valid one is closed with
 * the protocol's 4403 Forbidden.
 */
export function attachWebSocketServer(server: Server, app: AppServices, schema: GraphQLSchema) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
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
      context: (ctx) => createRequestContext(app, (ctx.extra as ConnectionExtra).user ?? null),
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
