import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticateRequest, type Credentials } from '../auth/authenticate.js';
import { createRequestContext } from '../graphql/context.js';

interface ConnectionExtra {
  request: IncomingMessage;
  user?: AuthUser;
  credentials?: Credentials;
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
 * so a deactivated user or a revoked key starts nothing new.
 */
export function attachWebSocketServer(server: Server, app: AppServices, schema: GraphQLSchema) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer(
    {
      schema,
      onConnect: async (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        const params = ctx.connectionParams as Record<string, unknown> | undefined;
        const credentials: Credentials = {
          authorization: param(params, 'authorization', 'Authorization'),
          apiKey: param(params, 'x-api-key', 'X-Api-Key', 'apiKey'),
        };
        try {
          extra.user = (await authenticateRequest(app, credentials)) ?? undefined;
          extra.credentials = credentials;
          return Boolean(extra.user);
        } catch {
          return false;
        }
      },
      context: async (ctx) => {
        const extra = ctx.extra as ConnectionExtra;
        const ip = extra.request?.socket?.remoteAddress ?? null;
        try {
          const user = await authenticateRequest(app, extra.credentials ?? {});
          return { ...createRequestContext(app, user), ip };
        } catch (authError) {
          return { ...createRequestContext(app, null), authError, ip };
        }
      },
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
