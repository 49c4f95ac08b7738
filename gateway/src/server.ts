import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import {
  ErrorCode,
  createErrorFormatter,
  gracefulDrain,
  isUnavailable,
  liveness,
  readiness,
  reportError,
  type Identity,
  type Logger,
  type Redis,
} from '@flowgraph/kernel';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './context';
import { createGatewayMetrics, type GatewayMetrics } from './metrics';
import { accessChanges } from './plugins/access-changes';
import { apiKeyAuthenticator } from './plugins/api-key-auth';
import { authentication } from './plugins/authentication';
import { httpHardening } from './plugins/http-hardening';
import { jwtAuthenticator } from './plugins/jwt-auth';
import { oauthProxy } from './plugins/oauth-proxy';
import { dataExportDownload } from './plugins/data-export-download';
import { operationLimits } from './plugins/operation-limits';
import { persistedQueries } from './plugins/persisted-queries';
import { policyConsent } from './plugins/policy-consent';
import { queryPlanCache } from './plugins/query-plan-cache';
import { rateLimits } from './plugins/rate-limit';
import { requestId, requestIdOnErrors } from './plugins/request-id';
import { httpCaching, responseCache } from './plugins/response-cache';
import { signedIdentityServices } from './plugins/signed-identity';
import { operationTelemetry, serveMetrics, serverSpan } from './plugins/telemetry';
import { sseSubscriptions } from './plugins/sse';
import { subscriptions, trustedSubscriptionOperations } from './plugins/subscriptions';
import { loadManifestStore, trustedDocumentResolver, trustedDocuments } from './plugins/trusted-documents';
import { respondUnavailable, unavailableStatus } from './plugins/unavailable';
import { webhookProxy } from './plugins/webhook-proxy';
import { providerWebhookProxy } from './plugins/provider-webhook-proxy';
import { subgraphReadiness } from './subgraph-readiness';
import { restEnvelope } from './rest/envelope';
import { openApiDocument } from './rest/openapi';
import { apiReference } from './rest/reference';
import { restRoutes } from './rest/routes';
import { restAnswers, restShim } from './rest/shim';
import { legacyRedirects } from './rest/legacy';
import { webApp } from './web-app';

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
  /** `/metrics` on METRICS_PORT, when that is set. */
  metricsUrl?: string;
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
  // Process metrics only when someone can read them (METRICS_PORT), as in the workers.
  const metrics = deps.metrics ?? createGatewayMetrics({ defaultMetrics: config.METRICS_PORT !== undefined });
  const app = express();
  app.disable('x-powered-by');
  // The IP feeds login throttling and session records: behind a load balancer, trust its hops only.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const httpServer = http.createServer(app);
  const drain = gracefulDrain(httpServer);
  // One supergraph for queries, subscriptions and the limits its directives carry (@rateLimit, @cost, @listSize).
  const supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  const buildService = signedIdentityServices({ urls: config.subgraphUrls, identitySecret: config.IDENTITY_SECRET, logger });
  // @apollo/gateway reports usage to its vendor unless this is set when it is constructed: a
  // self-hosted product does not phone home unless its operator opts in (`false`).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService,
    // Query plans (decision 0014): sized by QUERY_PLAN_CACHE_MAX_MIB, hits and misses counted.
    queryPlannerConfig: { cache: queryPlanCache({ maxMiB: config.QUERY_PLAN_CACHE_MAX_MIB, metrics }) },
  });
  // Protection (decision 0013): HTTP hardening, operation limits, rate limits.
  const hardening = httpHardening({
    production: config.NODE_ENV === 'production',
    corsOrigins: config.CORS_ORIGINS,
    introspection: config.GRAPHQL_INTROSPECTION === undefined ? undefined : config.GRAPHQL_INTROSPECTION === 'true',
  });
  const limits = operationLimits({
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_QUERY_COST,
    maxBatch: config.MAX_BATCH_OPERATIONS,
    supergraphSdl,
    metrics,
  });
  const rates = rateLimits({
    redis,
    prefix: config.REDIS_PREFIX,
    ipPerMinute: config.RATE_LIMIT_IP_PER_MINUTE,
    userPerMinute: config.RATE_LIMIT_USER_PER_MINUTE,
    apiKeyPerMinute: config.RATE_LIMIT_API_KEY_PER_MINUTE,
    operationPerMinute: config.RATE_LIMIT_OPERATION_PER_MINUTE,
    supergraphSdl,
    metrics,
    logger,
  });
  // Consent (decision 0031): a person whose token lacks the policy versions in force gets CONSENT_REQUIRED.
  const consent = policyConsent({ supergraphSdl });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...hardening.apolloOptions,
    validationRules: [...hardening.validationRules, ...limits.validationRules],
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    formatError: formatError(logger),
    includeStacktraceInErrorResponses: false,
    // runProcess owns SIGTERM/SIGINT: Apollo's own handler would stop, then kill the process with the signal again (exit 143).
    stopOnTerminationSignals: false,
    // APQ in Redis, so a hash registered on one replica runs on all.
    persistedQueries: persistedQueries({ redis, redisPrefix: config.REDIS_PREFIX, ttlSeconds: config.APQ_TTL_SECONDS }),
    plugins: [
      requestIdOnErrors<GatewayContext>(),
      unavailableStatus<GatewayContext>(),
      drain,
      // No landing page (its development one loads a sandbox from a CDN): browsers opening
      // /graphql get the web app's API explorer instead (web-app.ts).
      ApolloServerPluginLandingPageDisabled(),
      consent.plugin,
      operationTelemetry({ metrics, logger, slowOperationMs: config.SLOW_OPERATION_MS }),
      restAnswers,
    ],
  });
  apollo.addPlugin(limits.plugin);
  apollo.addPlugin(rates.plugin);
  // Caching (decision 0014): query responses in Redis per the subgraphs' Cache-Control; ETag/304 on GET.
  if (config.RESPONSE_CACHE_ENABLED) {
    apollo.addPlugin(
      responseCache<GatewayContext>({
        redis,
        prefix: config.REDIS_PREFIX,
        maxTtlSeconds: config.RESPONSE_CACHE_MAX_TTL_SECONDS,
        metrics,
        logger,
      }),
    );
  }
  apollo.addPlugin(httpCaching<GatewayContext>({ maxAgeSeconds: config.RESPONSE_CACHE_MAX_TTL_SECONDS }));
  await apollo.start();

  app.use(requestId());
  app.use(...hardening.middleware); // security headers and CORS (preflights end here)
  app.get('/healthz', liveness);
  app.get(
    '/readyz',
    readiness({ redis: () => redis.ping(), ...subgraphReadiness(config.subgraphUrls, config.IDENTITY_SECRET, deps.fetch) }),
  );
  // Webhook senders authenticate with the trigger's HMAC; the raw body streams through unparsed.
  app.post(
    '/webhooks/:triggerId',
    serverSpan('/webhooks/:triggerId'),
    webhookProxy({ upstreamOrigin: new URL(config.WORKFLOW_URL).origin, logger }),
  );
  // Provider deliveries (GitHub, GitLab, Slack, generic HMAC) for a connected integration: signed by the provider.
  app.post(
    '/webhooks/:connector/:integrationId',
    serverSpan('/webhooks/:connector/:integrationId'),
    providerWebhookProxy({ upstreamOrigin: new URL(config.INTEGRATION_URL).origin, logger }),
  );
  // A provider's redirect carries no Authorization header: the integration subgraph checks the flow's cookie and state.
  const oauth = oauthProxy({ upstreamOrigin: new URL(config.INTEGRATION_URL).origin, logger });
  app.get('/oauth/authorize/:flowId', serverSpan('/oauth/authorize/:flowId'), oauth);
  app.get('/oauth/callback', serverSpan('/oauth/callback'), oauth);
  const apiKeys = apiKeyAuthenticator({
    verifyUrl: new URL('/internal/api-keys/verify', config.coreOrigin).toString(),
    identitySecret: config.IDENTITY_SECRET,
    fetch: deps.fetch,
  });
  const verifyJwt = jwtAuthenticator({
    secret: config.JWT_SECRET,
    redis,
    redisPrefix: config.REDIS_PREFIX,
    currentConsent: config.currentConsent,
  });
  const verifyApiKey = (key: string, id: string) => apiKeys.verify(key, id);
  // Core announces revoked sessions, role changes and removals: keys of that creator are asked about again, open subscriptions checked again.
  const access = accessChanges({
    redis,
    redisPrefix: config.REDIS_PREFIX,
    logger,
    onChange: (change) => apiKeys.forgetCreator(change.userId, change.orgId),
  });
  // Authenticate before parsing: an anonymous flood should not cost body parsing first.
  const authenticate = authentication({ verifyJwt, verifyApiKey, logger });
  // A data export's signed, single-use link, for the signed-in person it was made for.
  app.get(
    '/data-exports/:requestId',
    serverSpan('/data-exports/:requestId'),
    authenticate,
    rates.middleware,
    dataExportDownload({ coreOrigin: config.coreOrigin, identitySecret: config.IDENTITY_SECRET, logger, fetch: deps.fetch }),
  );
  const trustedStore = await loadManifestStore({
    dir: config.trustedDocumentsDir,
    reloadIntervalMs: config.TRUSTED_DOCUMENTS_RELOAD_MS,
    logger,
  });
  const resolveDocument = trustedDocumentResolver({ store: trustedStore, mode: config.trustedDocumentsMode, metrics, logger });
  const resolveTrusted = trustedSubscriptionOperations(resolveDocument);
  // web/'s build (page loads and assets only), before /graphql (a browser's GET goes to the API
  // explorer) and the legacy redirects (which would take its paths).
  const browserApp = webApp(config.webAppDir);
  if (browserApp) app.use(browserApp);
  // Subscriptions: graphql-ws on /graphql (same port), GraphQL over SSE on /graphql/stream (before /graphql's middleware).
  const live = subscriptions({
    httpServer,
    supergraphSdl,
    urls: config.subgraphUrls,
    buildService,
    identitySecret: config.IDENTITY_SECRET,
    verifiers: { verifyJwt, verifyApiKey },
    accessChanges: access,
    formatError: formatError(logger),
    logger,
    metrics,
    heartbeatMs: config.SUBSCRIPTIONS_HEARTBEAT_MS,
    maxPerConnection: config.SUBSCRIPTIONS_MAX_PER_CONNECTION,
    maxPerUser: config.SUBSCRIPTIONS_MAX_PER_USER,
    maxConnections: config.SUBSCRIPTIONS_MAX_CONNECTIONS,
    maxBufferedBytes: config.SUBSCRIPTIONS_MAX_BUFFERED_BYTES,
    maxQueuedEvents: config.SUBSCRIPTIONS_MAX_QUEUED_EVENTS,
    reauthenticateMs: config.SUBSCRIPTIONS_REAUTH_MS,
    // The same operation limits and trusted documents as HTTP.
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    resolveOperation: (params, identity) => {
      const resolved = resolveTrusted(params, identity);
      if (resolved instanceof Error) return resolved;
      return consent.subscriptionRefusal(identity, resolved.query, resolved.operationName) ?? resolved;
    },
  });
  const sse = sseSubscriptions({ subscriptions: live, verifiers: { verifyJwt, verifyApiKey }, accessChanges: access, logger });
  app.use(
    '/graphql/stream',
    hardening.exactPath,
    serverSpan('/graphql/stream'),
    authenticate,
    rates.middleware,
    express.json({ limit: config.BODY_LIMIT }),
    sse,
  );
  const contextOf = (res: Response): GatewayContext => {
    const identity = res.locals.identity as Identity;
    return {
      requestId: identity.requestId,
      identity,
      traceparent: res.locals.traceparent as string | undefined,
      logger: logger.child({ request_id: identity.requestId, trace_id: identity.traceId }),
    };
  };
  app.use(
    '/graphql',
    hardening.exactPath,
    serverSpan('/graphql'),
    authenticate,
    rates.middleware, // per IP and per user/API key, still before body parsing
    express.json({ limit: config.BODY_LIMIT }),
    limits.batchCap,
    // Operations by id (documentId, manifest APQ hashes); keys bound to a client run only its manifest.
    trustedDocuments({ store: trustedStore, mode: config.trustedDocumentsMode, metrics, logger }),
    expressMiddleware(apollo, { context: async ({ res }) => contextOf(res) }),
  );
  // The REST shim (gateway/src/rest): each route becomes its named operation (client rest-v1) and
  // goes through the same authentication, limits, trusted documents and Apollo pipeline as /graphql.
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const routes = restRoutes(apiSchema);
  const rest = restShim({ apollo, contextOf, routes, apiSchema, resolveDocument, logger });
  app.use(
    '/api/v1',
    restEnvelope,
    serverSpan('/api/v1'),
    // Public, before authentication: the OpenAPI document of the same routes (built once) and its docs page.
    apiReference(openApiDocument(routes, apiSchema)),
    authenticate,
    rates.middleware,
    express.json({ limit: config.BODY_LIMIT }),
    rest.prepare,
    rest.execute,
  );
  app.use(legacyRedirects(routes, metrics)); // the unprefixed paths of before /api/v1
  app.use(hardening.notFound); // unknown paths: the REST error envelope, 404
  // Malformed bodies and other middleware failures: the same error shape as GraphQL responses.
  app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (isUnavailable(error)) return respondUnavailable(res);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error, request_id: res.locals.requestId }, 'unhandled gateway error');
    if (status === 500) reportError(error, { request_id: res.locals.requestId }); // Sentry, when configured
    const code = status === 500 ? ErrorCode.INTERNAL : ErrorCode.VALIDATION_ERROR;
    const message = status === 500 ? 'Internal server error' : status === 413 ? 'Request body too large' : 'Malformed request';
    res.status(status).json({ errors: [{ message, extensions: { code, request_id: res.locals.requestId } }] });
  });

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info({ url }, 'gateway listening');
  const metricsServer = await serveMetrics(metrics, { port: config.METRICS_PORT, host: config.METRICS_HOST });
  return {
    app,
    url,
    port: address.port,
    metrics,
    metricsUrl: metricsServer?.url,
    /** New connections are refused first, so clients told to reconnect reach another replica. */
    async stop() {
      const drained = drain.drain(); // new connections refused from here
      sse.close(); // SSE streams end with a retry hint
      await live.dispose(); // closes WebSocket clients (1001, going away: graphql-ws clients reconnect) and their upstream subscriptions
      await access.dispose();
      await drained; // the HTTP requests in flight answered
      await apollo.stop();
      await metricsServer?.close();
      trustedStore.close();
    },
  };
}
