import express from 'express';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { AppServices } from '../app/app-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { authenticateRequest } from '../auth/authenticate.js';
import { createRequestContext, type RequestContext } from '../auth/request-context.js';
import { createErrorFormatter, errorReporting } from './format-error.js';
import { GRAPHIQL_ASSETS_PATH, graphiqlAssets, graphiqlPage, wantsGraphiql } from './graphiql-page.js';
import { attachWebSocketServer } from './websocket-server.js';
import { channelRoutes } from '../channels/channel-routes.js';
import { channelModule } from '../channels/channel-module.js';
import { open311Routes } from '../open311/open311-routes.js';
import { open311Fallback } from '../open311/open311-discovery.js';
import { sendTooManyRequests } from '../open311/open311-format.js';
import { graphqlLimits } from './graphql-limits.js';
import { jitExecutor } from '../graphql/jit-executor.js';
import { inputBoundsPlugin } from '../graphql/input-bounds.js';
import { RateLimits } from '../http/rate-limit.js';
import { httpErrorHandler } from './http-errors.js';
import { registerRoutes } from './routes.js';
import { abandon, newStatementScope, runInStatementScope } from '../db/statement-scope.js';
import { ormConnectionSettings, trackOrmStatements } from '../db/knex-seam.js';
import { graphiqlPolicy, securityHeaders } from '../http/security-headers.js';

export interface HttpServer {
  server: Server;
  /** Stops accepting, finishes in-flight requests, closes sockets. */
  stop(): Promise<void>;
}

/** Reads the credentials; bad ones are kept as an error for the access guard to raise (public operations still work). */
async function authenticate(
  app: AppServices,
  req: express.Request,
  loaders: RequestContext['loaders'],
): Promise<{ user: AuthUser | null; authError: unknown }> {
  try {
    const apiKey = req.headers['x-api-key'];
    const credentials = { authorization: req.headers.authorization, apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey };
    return {
      // The reference counters come with the account: the request's reference reads need no statement for them.
      user: await authenticateRequest(app, credentials, { referenceVersions: (versions) => loaders.knowReferenceVersions(versions) }),
      authError: null,
    };
  } catch (error) {
    return { user: null, authError: error };
  }
}

export async function createHttpServer(app: AppServices, schema: GraphQLSchema): Promise<HttpServer> {
  const expressApp = express();
  const server = createServer(expressApp);
  const { config } = app;
  const development = config.NODE_ENV === 'development';
  const limits = graphqlLimits(config);
  // One set of quotas for both transports and the REST routes.
  const rateLimits = new RateLimits(config);
  trackOrmStatements(app.orm);
  const connectionSettings = ormConnectionSettings(app.orm.em);
  const websockets = attachWebSocketServer(server, app, schema, rateLimits);

  const apollo = new ApolloServer<RequestContext>({
    gateway: jitExecutor(schema),
    formatError: createErrorFormatter(app.logger, development, { logUnexpected: false }),
    includeStacktraceInErrorResponses: development,
    // Refuses GET and "simple" POSTs (no JSON content type) without a preflight header: a browser cannot forge those cross-site.
    csrfPrevention: true,
    introspection: config.introspection,
    // With introspection off, no "Did you mean ...?" either: suggestions would leak the schema piece by piece.
    hideSchemaDetailsFromClientErrors: !config.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    // Compact JSON: Apollo pretty-prints by default, which was 8% of the CPU of a page of appeals and a third more bytes.
    stringifyResult: (result) => JSON.stringify(result),
    // core/main.ts owns SIGTERM/SIGINT and stops everything in order.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      ApolloServerPluginLandingPageDisabled(),
      // No HTTP caching of GraphQL answers here (they depend on the caller), and the plugin wraps every field's resolver.
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: () => websockets.dispose() }) },
      ...limits.plugins,
      rateLimits.userLimit(),
      errorReporting(app.logger),
      inputBoundsPlugin({ search: config.INPUT_MAX_SEARCH_LENGTH, text: config.INPUT_MAX_TEXT_LENGTH, string: config.INPUT_MAX_STRING_LENGTH }),
    ],
  });
  await apollo.start();

  expressApp.disable('x-powered-by');
  expressApp.use(securityHeaders());
  // An ETag means hashing every answer (GraphQL answers are POSTed and depend on the caller): a fifth of the CPU of a page of appeals.
  expressApp.set('etag', false);
  // Behind a reverse proxy, the client's address (for its rate limit) comes from X-Forwarded-For.
  if (config.TRUST_PROXY) expressApp.set('trust proxy', trustProxy(config.TRUST_PROXY));
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

  // REST routes count against the same per-address quota as GraphQL (Open311 answers a refusal in its own format).
  expressApp.use(['/channels', '/reports'], rateLimits.addressLimit());
  expressApp.use('/channels', channelRoutes(app));
  expressApp.use('/open311/v2', open311Routes(app, rateLimits));
  expressApp.use('/open311', rateLimits.addressLimit(sendTooManyRequests), open311Fallback(app));
  registerRoutes(expressApp, app);

  if (config.graphiql) {
    expressApp.use(GRAPHIQL_ASSETS_PATH, graphiqlAssets());
    const policy = graphiqlPolicy();
    expressApp.get('/graphql', (req, res, next) => (wantsGraphiql(req) ? policy(req, res, () => res.type('html').send(graphiqlPage())) : next()));
  }
  expressApp.use(
    '/graphql',
    rateLimits.addressLimit(),
    express.json({ limit: `${config.HTTP_BODY_LIMIT_MB}mb` }),
    // After the body is read (its stream callbacks would lose the scope): the request's statements are tracked from here,
    // and cancelled if its client leaves before the answer.
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      const scope = newStatementScope();
      res.on('close', () => {
        if (!res.writableFinished) abandon(scope, connectionSettings, app.logger);
      });
      runInStatementScope(scope, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const ctx: RequestContext = { ...createRequestContext(app, null, res.locals.requestId as string), ip: req.ip ?? null };
        let caller: ReturnType<typeof authenticate> | null = null;
        ctx.resolveCaller = async (into) => {
          const { user, authError } = await (caller ??= authenticate(app, req, into.loaders));
          into.user = user;
          into.authError = authError;
        };
        return ctx;
      },
    }),
  );

  expressApp.use('/graphql', httpErrorHandler(app.logger));

  return {
    server,
    async stop() {
      await apollo.stop();
      await channelModule(app).imports?.drain();
    },
  };
}

/** `true`, a hop count, or a list of addresses/subnets, as Express's "trust proxy" takes them. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
