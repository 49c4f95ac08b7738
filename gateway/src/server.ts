import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ApolloServer, type GraphQLRequestContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { ErrorCode, createErrorFormatter, liveness, readiness, type Identity, type Logger, type Redis } from '@flowgraph/kernel';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { apiKeyAuthenticator } from './plugins/api-key-auth';
import { authentication } from './plugins/authentication';
import { jwtAuthenticator } from './plugins/jwt-auth';
import { requestId, requestIdOnErrors } from './plugins/request-id';
import { signedIdentityServices } from './plugins/signed-identity';
import { webhookProxy } from './plugins/webhook-proxy';
import { subgraphReadiness } from './subgraph-readiness';

export interface GatewayDeps {
  config: GatewayConfig;
  logger: Logger;
  redis: Redis;
  /** Injected for tests; default: the global fetch (API-key verification). */
  fetch?: typeof fetch;
  /** Where features record metrics. Default: a fresh registry (served on `/metrics`). */
  metrics?: GatewayMetrics;
}

export interface RunningGateway {
  app: Express;
  url: string;
  port: number;
  metrics: GatewayMetrics;
  stop(): Promise<void>;
}

/** Kernel formatting (catalog codes pass, the rest is masked) minus the subgraph name the gateway adds. */
function formatError(logger: Logger) {
  const format = createErrorFormatter(logger);
  return (...args: Parameters<typeof format>) => {
    const formatted = format(...args);
    if (!formatted.extensions || !('serviceName' in formatted.extensions)) return formatted;
    const { serviceName: _internal, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}

/** Wiring only: the public graph on `/graphql`, plus `/healthz` and `/readyz`. */
export async function startGateway(deps: GatewayDeps, port = deps.config.PORT, host = deps.config.HOST): Promise<RunningGateway> {
  const { config, logger, redis } = deps;
  const metrics = deps.metrics ?? createGatewayMetrics();
  const app = express();
  app.disable('x-powered-by');
  // The IP feeds login throttling and session records: behind a load balancer, trust its hops only.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const httpServer = http.createServer(app);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
    buildService: signedIdentityServices({ urls: config.subgraphUrls, identitySecret: config.IDENTITY_SECRET, logger }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [requestIdOnErrors<GatewayContext>(), ApolloServerPluginDrainHttpServer({ httpServer }), requestLog(logger)],
  });
  await apollo.start();

  app.use(requestId());
  app.get('/healthz', liveness);
  app.get('/readyz', readiness({ redis: () => redis.ping(), ...subgraphReadiness(config.subgraphUrls, deps.fetch) }));
  // Webhook senders authenticate with the trigger's HMAC; the raw body streams through unparsed.
  app.post('/webhooks/:triggerId', webhookProxy({ upstreamOrigin: new URL(config.WORKFLOW_URL).origin, logger }));
  const apiKeys = apiKeyAuthenticator({
    verifyUrl: new URL('/internal/api-keys/verify', config.coreOrigin).toString(),
    identitySecret: config.IDENTITY_SECRET,
    fetch: deps.fetch,
  });
  app.use(
    '/graphql',
    // Authenticate before parsing: an anonymous flood should not cost body parsing first.
    authentication({
      verifyJwt: jwtAuthenticator({ secret: config.JWT_SECRET, redis, redisPrefix: config.REDIS_PREFIX }),
      verifyApiKey: (key, id) => apiKeys.verify(key, id),
      logger,
    }),
    express.json({ limit: config.BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const identity = res.locals.identity as Identity;
        return {
          requestId: identity.requestId,
          identity,
          traceparent: res.locals.traceparent as string | undefined,
          logger: logger.child({ request_id: identity.requestId, trace_id: identity.traceId }),
        };
      },
    }),
  );
  // Malformed bodies and other middleware failures: the same error shape as GraphQL responses.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, request_id: res.locals.requestId }, 'unhandled gateway error');
    const code = status === 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_ERROR;
    const message = status === 500 ? 'Internal server error' : status === 413 ? 'Request body too large' : 'Malformed request';
    res.status(status).json({ errors: [{ message, extensions: { code, request_id: res.locals.requestId } }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info({ url }, 'gateway listening');
  return {
    app,
    url,
    port: address.port,
    metrics,
    async stop() {
      await apollo.stop(); // drains the HTTP server and stops the gateway
    },
  };
}

/** One log line per GraphQL request, with its request and trace ids (from the child logger). */
function requestLog(logger: Logger) {
  return {
    async requestDidStart({ contextValue }: GraphQLRequestContext<GatewayContext>) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }: GraphQLRequestContext<GatewayContext>) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          (contextValue.logger ?? logger).info({ operation: operationName, ms: Math.round(ms * 10) / 10, errors: errors?.length ?? 0 }, 'graphql request');
        },
      };
    },
  };
}
