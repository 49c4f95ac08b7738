import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { DocumentNode, GraphQLError, GraphQLFieldResolver, GraphQLScalarType } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { AppError, ErrorCode, createErrorFormatter, unavailable } from '../errors';
import { isUnavailable } from '../unavailable';
import type { Identity } from '../identity';
import { graphqlHandler } from './graphql-handler';
import { openScopedTransaction, useStatementScope } from '../db/request-transaction';
import { gracefulDrain } from './graceful-drain';
import { liveness, readiness, type ReadinessCheck } from './health';
import { attachSubscriptions } from './subscriptions';
import { guardArguments, type IdFormat } from './argument-guard';
import type { ServiceMetrics } from '../telemetry/service-metrics';

/**
 * A subgraph's resolver map, typed with its request context. The shape of @apollo/subgraph's
 * `GraphQLResolverMap`, which that package keeps in its `dist/` and does not export.
 */
export interface SubgraphResolvers<TContext> {
  [typeName: string]:
    | {
        [fieldName: string]:
          | GraphQLFieldResolver<unknown, TContext>
          | { requires?: string; resolve?: GraphQLFieldResolver<unknown, TContext>; subscribe?: GraphQLFieldResolver<unknown, TContext> };
      }
    | GraphQLScalarType
    | { [enumValue: string]: string | number };
}

/** What every subgraph resolver receives; a subgraph adds its loaders and services. */
export interface RequestContext {
  requestId: string;
  identity: Identity;
  /** A fork in this request's transaction, scoped for row-level security. */
  em: EntityManager;
  logger: Logger;
  /**
   * Runs `task` once this request's transaction has committed (never after a rollback): for side
   * effects others must only see with the data, such as enqueueing a job for a row just inserted.
   * A failing task is logged; work that must not be lost also needs a sweeper.
   */
  afterCommit(task: () => Promise<unknown>): void;
}

/**
 * Where a request's after-commit tasks live on its context. A property, not a WeakMap keyed by
 * the context: Apollo Server hands plugins a shallow clone of the context object.
 */
const AFTER_COMMIT_TASKS = Symbol('afterCommitTasks');
type WithTasks = { [AFTER_COMMIT_TASKS]?: (() => Promise<unknown>)[] };

export interface SubgraphServerOptions<TContext extends RequestContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: SubgraphResolvers<TContext>;
  orm: MikroORM;
  logger: Logger;
  identitySecret: string;
  /** Adds per-request loaders and services to the base context. */
  extendContext: (base: RequestContext) => TContext;
  /** Checked by `/readyz`; Postgres is always checked. */
  readinessChecks?: Record<string, ReadinessCheck>;
  /** Extra routes (internal endpoints). They are mounted before `/graphql` and get no identity check. */
  routes?: (app: Express) => void;
  /** Largest accepted request body. Default: `1mb`. */
  bodyLimit?: string;
  /**
   * Serve the schema's subscriptions over graphql-ws on `/graphql` (same server and path).
   * Connections must carry the gateway's signed identity in connectionParams. Default: false.
   */
  subscriptions?: boolean;
  /**
   * The `ID` arguments and input fields that are not UUIDs, by `Type.field.argument` or
   * `InputType.field`. Default: none (every id is a UUID). Arguments are checked before resolvers
   * run (see `guardArguments`): a malformed id or text with a NUL is a VALIDATION_ERROR.
   */
  idFormats?: Record<string, IdFormat>;
  /**
   * Where requests and operations are counted (`createServiceMetrics`; the process serves its
   * registry on METRICS_PORT). Default: none, nothing is recorded.
   */
  metrics?: ServiceMetrics;
}

export interface RunningServer {
  app: Express;
  httpServer: http.Server;
  url: string;
  port: number;
  stop(): Promise<void>;
}

function hasInternalError(errors: readonly GraphQLError[]): boolean {
  return errors.some(
    (e) => !(e instanceof AppError) && !(e.originalError instanceof AppError) && e.extensions?.code !== ErrorCode.VALIDATION_ERROR,
  );
}

/**
 * One transaction per GraphQL mutation: begun once the operation is known, committed when the
 * response is ready, rolled back when an unexpected error happened. A query runs each statement
 * alone, read only, with the request's row scope (`useStatementScope`): no BEGIN or COMMIT. Also
 * stamps `request_id` on every error and writes one log line per request.
 */
function requestLifecyclePlugin(metrics?: ServiceMetrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let failed = false;
      let inTransaction = false;
      return {
        async didResolveOperation({ operation }) {
          const { identity, em } = contextValue;
          const scope = { orgId: identity.orgId, userId: identity.userId };
          if (operation?.operation === 'query') useStatementScope(em, scope);
          else {
            await openScopedTransaction(em, scope);
            inTransaction = true;
          }
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) (error.extensions as Record<string, unknown>).request_id = contextValue.requestId;
          if (hasInternalError(errors)) failed = true;
        },
        async willSendResponse({ response, operationName, operation }) {
          const em = contextValue.em;
          try {
            if (inTransaction && failed) await em.rollback();
            else {
              if (inTransaction) await em.commit();
              for (const task of (contextValue as WithTasks)[AFTER_COMMIT_TASKS] ?? []) {
                await task().catch((error: unknown) => contextValue.logger.error({ err: error }, 'after-commit task failed'));
              }
            }
          } catch (error) {
            // Postgres gone at COMMIT (a crash, a failover) is an outage like any other: the client
            // retries with its idempotency key (whether the commit landed or not), and sees UNAVAILABLE.
            const outage = isUnavailable(error);
            if (outage) contextValue.logger.warn({ err: error }, 'transaction did not commit: database unavailable');
            else contextValue.logger.error({ err: error }, 'transaction did not commit');
            if (response.body.kind === 'single') {
              const refusal = outage
                ? unavailable()
                : { message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL, masked: true } };
              response.body.singleResult.data = null;
              response.body.singleResult.errors = [
                { message: refusal.message, extensions: { ...refusal.extensions, request_id: contextValue.requestId } },
              ];
            }
          }
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          if (metrics) {
            metrics.operationDuration.observe({ type: operation?.operation ?? 'invalid' }, ms / 1000);
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            for (const error of errors) metrics.errors.inc({ code: String(error.extensions?.code ?? ErrorCode.INTERNAL) });
          }
          contextValue.logger.info({ operation: operationName, ms: Math.round(ms * 10) / 10, failed }, 'graphql request');
        },
      };
    },
  };
}

/** `/graphql`, with or without a query string. */
function isGraphQLPath(url = ''): boolean {
  return url === '/graphql' || url.startsWith('/graphql?');
}

/**
 * Times one HTTP request until its response is sent. Routes are labelled by their Express pattern
 * (`/internal/events`), never the raw path, so ids in paths cannot multiply the series.
 */
function observeRequest(metrics: ServiceMetrics, req: http.IncomingMessage, res: http.ServerResponse, isGraphQL: boolean): void {
  const started = performance.now();
  res.once('finish', () => {
    const pattern = (req as { route?: { path?: unknown } }).route?.path;
    const route = isGraphQL ? '/graphql' : typeof pattern === 'string' ? pattern : 'other';
    const labels = { route, method: req.method ?? 'GET', status: String(res.statusCode) };
    metrics.httpRequestDuration.observe(labels, (performance.now() - started) / 1000);
  });
}

/** Builds and starts a subgraph's HTTP server: `/graphql` (signed identity only), `/healthz`, `/readyz`. */
export async function startSubgraphServer<TContext extends RequestContext>(
  options: SubgraphServerOptions<TContext>,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // `/graphql` is served by graphqlHandler, everything else (health, internal routes) by Express.
  const httpServer = http.createServer();
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]);
  guardArguments(schema, { idFormats: options.idFormats });
  const root = options.orm.em as EntityManager;
  const subscriptions = options.subscriptions
    ? attachSubscriptions<TContext>({
        httpServer,
        path: '/graphql',
        schema,
        root,
        logger,
        identitySecret: options.identitySecret,
        extendContext: options.extendContext,
      })
    : null;
  const apollo = new ApolloServer<TContext>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // runProcess owns SIGTERM/SIGINT: Apollo's own handler would stop, then kill the process with the signal again (exit 143).
    stopOnTerminationSignals: false,
    plugins: [
      requestLifecyclePlugin(options.metrics) as unknown as ApolloServerPlugin<TContext>,
      gracefulDrain(httpServer),
      // Closes subscription sockets before the HTTP server drains (open sockets would hold it).
      ...(subscriptions
        ? [
            {
              async serverWillStart() {
                return { drainServer: () => subscriptions.dispose() };
              },
            },
          ]
        : []),
      ApolloServerPluginInlineTraceDisabled(),
      // The schema's @cacheControl hints become the Cache-Control header the gateway's cache follows
      // (decision 0014). Unhinted root and object fields get maxAge 0: nothing is cached by default.
      ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
    ],
  });
  await apollo.start();

  app.get('/healthz', liveness);
  app.get('/readyz', readiness({ postgres: () => root.getConnection().execute('select 1'), ...options.readinessChecks }));
  options.routes?.(app);
  const graphql = graphqlHandler({
    apollo,
    identitySecret: options.identitySecret,
    logger,
    bodyLimit: options.bodyLimit ?? '1mb',
    context: async (identity: Identity) => {
      // Its transaction, or its statement scope, waits for the operation (requestLifecyclePlugin).
      const em = root.fork({ clear: true });
      const requestLogger = logger.child({ request_id: identity.requestId, trace_id: identity.traceId });
      const tasks: (() => Promise<unknown>)[] = [];
      const base: RequestContext = {
        requestId: identity.requestId,
        identity,
        em,
        logger: requestLogger,
        afterCommit: (task) => void tasks.push(task),
      };
      return Object.assign(options.extendContext(base), { [AFTER_COMMIT_TASKS]: tasks });
    },
  });
  const metrics = options.metrics;
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const isGraphQL = isGraphQLPath(req.url);
    if (metrics) observeRequest(metrics, req, res, isGraphQL);
    if (isGraphQL) void graphql(req, res);
    else app(req, res);
  });

  await new Promise<void>((resolve) => httpServer.listen(port, host, resolve));
  const address = httpServer.address() as AddressInfo;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info({ url }, `${options.name} subgraph listening`);
  return {
    app,
    httpServer,
    url,
    port: address.port,
    async stop() {
      await apollo.stop(); // drains and closes the HTTP server
    },
  };
}
