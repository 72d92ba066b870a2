import express from 'express';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import { createErrorFormatter } from './format-error.js';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets, graphiqlPage, wantsGraphiql } from './graphiql-page.js';
import { attachWebSocketServer } from './websocket-server.js';
import { channelRoutes } from '../channels/channel-routes.js';
import { channelModule } from '../channels/channel-module.js';
import { open311Routes } from '../open311/open311-routes.js';

export interface HttpServer {
  server: Server;
  /** Stops accepting, finishes in-flight requests, closes sockets. */
  stop(): Promise<void>;
}

/** Reads the bearer token; a bad token is kept as an error for the access guard to raise. */
function authenticate(app: AppServices, header: string | undefined): { user: AuthUser | null; authError: unknown } {
  try {
    return { user: app.tokens.fromHeader(header, app.clock.now()), authError: null };
  } catch (error) {
    return { user: null, authError: error };
  }
}

export async function createHttpServer(app: AppServices, schema: GraphQLSchema): Promise<HttpServer> {
  const expressApp = express();
  const server = createServer(expressApp);
  const websockets = attachWebSocketServer(server, app, schema);
  const development = app.config.NODE_ENV === 'development';

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(app.logger, development),
    includeStacktraceInErrorResponses: development,
    csrfPrevention: true,
    // core/main.ts owns SIGTERM/SIGINT and stops everything in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      { serverWillStart: async () => ({ drainServer: () => websockets.dispose() }) },
    ],
  });
  await apollo.start();

  expressApp.disable('x-powered-by');
  expressApp.use((req, res, next) => {
    const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      app.logger.info({ requestId, method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms }, 'request');
    });
    next();
  });

  expressApp.get('/health', async (_req, res) => {
    try {
      await app.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok' });
    } catch (error) {
      app.logger.warn({ err: error }, 'health check: database does not answer');
      res.status(503).json({ status: 'unavailable', reason: 'database' });
    }
  });

  expressApp.use('/channels', channelRoutes(app));
  expressApp.use('/open311/v2', open311Routes(app));
  expressApp.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
  expressApp.get('/graphql', (req, res, next) => (wantsGraphiql(req) ? res.type('html').send(graphiqlPage()) : next()));
  expressApp.use(
    '/graphql',
    // Large enough for importAppeals of 10,000 rows.
    express.json({ limit: `${app.config.HTTP_BODY_LIMIT_MB}mb` }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { user, authError } = authenticate(app, req.headers.authorization);
        return { ...createRequestContext(app, user, res.locals.requestId as string), authError };
      },
    }),
  );

  return {
    server,
    async stop() {
      await apollo.stop();
      await channelModule(app).imports?.drain();
    },
  };
}
