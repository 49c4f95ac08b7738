import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  RedisPubSub,
  createLogger,
  createOrm,
  createRedis,
  loadConfig,
  signAccessToken,
  type AccessClaims,
  type Redis,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { entities as coreEntities, loadCoreConfig, startCoreServer } from '@flowgraph/core';
import { createWorkflowServerResources, entities as workflowEntities, loadWorkflowConfig, startWorkflowServer } from '@flowgraph/workflow';
import { entities as integrationEntities, loadIntegrationConfig, startIntegrationServer } from '@flowgraph/integration';
import { entities as analyticsEntities, startAnalyticsServer } from '@flowgraph/analytics';
import {
  loadAnalyticsConfig,
  OrganizationAggregates,
  WorkflowActivityClient,
  WorkflowClient,
  SuggestionFeed,
} from '@flowgraph/analytics/testing';
import { loadGatewayConfig, type GatewayConfig, startGateway, type RunningGateway } from '@flowgraph/gateway';

const shared = loadConfig();
export const identitySecret = shared.IDENTITY_SECRET;
const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');

/** A URL nothing listens on (a port just released), for a subgraph that is down. */
export async function closedUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

export interface Federation {
  gateway: RunningGateway;
  config: GatewayConfig;
  urls: { core: string; workflow: string; integration: string; analytics: string };
  db: TestDatabase;
  redis: Redis;
  stop(): Promise<void>;
}

/**
 * The four subgraphs on free ports over one fresh database (each in its own Postgres schema),
 * and a gateway in front of them; all share one Redis prefix of their own. `env` overrides
 * gateway settings (e.g. a subgraph URL pointing at a closed port).
 */
export interface FederationOptions {
  /** The integration subgraph's settings (connector endpoints and OAuth clients pointed at local servers). */
  integrationEnv?: Record<string, string>;
  /** The gateway's port, when a test must know its URL before it starts (an OAuth redirect URI). Default: a free one. */
  gatewayPort?: number;
  /** Core's settings on top of the environment (e.g. the policy versions in force; pass the gateway's in `env`). */
  coreEnv?: Record<string, string>;
}

export async function startFederation(env: Record<string, string> = {}, options: FederationOptions = {}): Promise<Federation> {
  const db = await createTestDatabase('gw');
  const orms: MikroORM[] = [];
  const servers: RunningServer[] = [];
  const redisPrefix = uniqueName('gwtest');
  const orm = async (list: typeof coreEntities | typeof workflowEntities | typeof integrationEntities | typeof analyticsEntities) => {
    const created = await createOrm({ url: db.appUrl, entities: list, poolMax: 4 });
    orms.push(created);
    return created;
  };
  const deps = async (list: Parameters<typeof orm>[0]) => ({ orm: await orm(list), logger: quiet(), identitySecret });
  // Cheap password hashing keeps signUp fast in tests; everything else is Core's default.
  const coreConfig = loadCoreConfig({
    ...process.env,
    REDIS_PREFIX: redisPrefix,
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ...options.coreEnv,
  });
  const coreRedis = createRedis(coreConfig.REDIS_URL);
  servers.push(await startCoreServer({ orm: await orm(coreEntities), redis: coreRedis, logger: quiet(), config: coreConfig }));
  const workflowRedis = createRedis(coreConfig.REDIS_URL);
  const workflowResources = createWorkflowServerResources(workflowRedis, loadWorkflowConfig({ ...process.env, REDIS_PREFIX: redisPrefix }));
  servers.push(await startWorkflowServer({ ...(await deps(workflowEntities)), ...workflowResources }));
  const integrationRedis = createRedis(coreConfig.REDIS_URL);
  // Integration records webhook deliveries and health changes in this federation's Core.
  const integrationConfig = loadIntegrationConfig({
    ...process.env,
    REDIS_PREFIX: redisPrefix,
    CORE_ORIGIN: new URL(servers[0].url).origin,
    ...options.integrationEnv,
  });
  servers.push(
    await startIntegrationServer({
      orm: await orm(integrationEntities),
      logger: quiet(),
      redis: integrationRedis,
      config: integrationConfig,
    }),
  );
  const workflowOrigin = new URL(servers[1].url).origin;
  // A suggestion feed with a subscriber connection: analytics serves suggestionAdded over graphql-ws.
  const feedRedis = [createRedis(coreConfig.REDIS_URL), createRedis(coreConfig.REDIS_URL, { forWorkers: true })];
  const feed = new SuggestionFeed(new RedisPubSub(feedRedis[0], feedRedis[1]), redisPrefix);
  const analyticsDeps = await deps(analyticsEntities);
  // An admin's report refresh computes on the primary, as the analytics process wires it.
  const aggregates = new OrganizationAggregates({
    root: analyticsDeps.orm.em as EntityManager,
    workflow: new WorkflowActivityClient({ origin: workflowOrigin, identitySecret }),
    eventRetentionDays: loadAnalyticsConfig({ ...process.env }).ANALYTICS_EVENT_RETENTION_DAYS,
  });
  const suggestions = { workflow: new WorkflowClient({ origin: workflowOrigin, identitySecret }), feed };
  servers.push(await startAnalyticsServer({ ...analyticsDeps, modules: { suggestions, reporting: { aggregates } } }));
  const [core, workflow, integration, analytics] = servers.map((s) => s.url);
  const config = loadGatewayConfig({
    ...process.env,
    CORE_URL: core,
    WORKFLOW_URL: workflow,
    INTEGRATION_URL: integration,
    ANALYTICS_URL: analytics,
    REDIS_PREFIX: redisPrefix,
    ...env,
  });
  const redis = createRedis(config.REDIS_URL);
  const gateway = await startGateway({ config, logger: quiet(), redis }, options.gatewayPort ?? 0, '127.0.0.1');
  return {
    gateway,
    config,
    urls: { core, workflow, integration, analytics },
    db,
    redis,
    async stop() {
      await gateway.stop();
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      for (const server of servers) await server.stop();
      coreRedis.disconnect();
      for (const r of feedRedis) r.disconnect();
      await workflowResources.close();
      workflowRedis.disconnect();
      integrationRedis.disconnect();
      for (const o of orms) await o.close(true);
      await db.drop();
    },
  };
}

export interface HttpGraphQLResult<T> {
  status: number;
  headers: Headers;
  text: string;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Posts an operation to the gateway (or any GraphQL URL) with the given headers, unsigned. */
export async function post<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<HttpGraphQLResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T | null; errors?: HttpGraphQLResult<T>['errors'] };
  return { status: response.status, headers: response.headers, text, ...body };
}

/** An access token as Core would issue it (same kernel function, same secret). */
export async function bearer(claims: AccessClaims, ttlSeconds?: number): Promise<Record<string, string>> {
  const { token } = await signAccessToken(claims, shared.JWT_SECRET, ttlSeconds);
  return { authorization: `Bearer ${token}` };
}
