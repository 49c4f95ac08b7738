/**
 * bench/core-latency: p50/p95/p99 of the Core operations architecture-target.md §7.1 sets
 * targets for (auth < 100 ms, event list < 150 ms; API p95 < 200 ms), measured through the
 * gateway over loopback, with the four subgraphs and the gateway in this process on a fresh
 * database. Run: `npm run build && npx tsx bench/core-latency/run.ts` (Postgres and Redis on
 * 127.0.0.1, or DATABASE_URL / REDIS_URL). Prints a table; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  appDatabaseUrl,
  createLogger,
  createOrm,
  createRedis,
  ensureAppRole,
  loadConfig,
  migrateSubgraph,
  type RunningServer,
} from '@flowgraph/kernel';
import * as core from '@flowgraph/core';
import * as workflow from '@flowgraph/workflow';
import * as integration from '@flowgraph/integration';
import * as analytics from '@flowgraph/analytics';
import { loadGatewayConfig, startGateway } from '@flowgraph/gateway';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, count: number, concurrency: number, call: (i: number) => Promise<void>) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const row = {
    operation: name,
    requests: count,
    concurrency,
    'req/s': Math.round(count / seconds),
    'p50 ms': +percentile(times, 50).toFixed(1),
    'p95 ms': +percentile(times, 95).toFixed(1),
    'p99 ms': +percentile(times, 99).toFixed(1),
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main(): Promise<void> {
  const base = loadConfig();
  const dbName = `flowgraph_bench_${Date.now()}`;
  const admin = new Client({ connectionString: base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const ownerUrl = base.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
  const prefix = `bench_${randomUUID().slice(0, 8)}`;
  const servers: RunningServer[] = [];
  const orms: { close(force?: boolean): Promise<void> }[] = [];
  const redises: { disconnect(): void }[] = [];
  let workflowResources: { close(): Promise<void> } | undefined;
  try {
    await ensureAppRole(ownerUrl, base.DATABASE_APP_ROLE, base.DATABASE_APP_PASSWORD);
    for (const plan of [core.migrationPlan, workflow.migrationPlan, integration.migrationPlan, analytics.migrationPlan]) {
      await migrateSubgraph(ownerUrl, plan);
    }
    const appUrl = appDatabaseUrl({ ...base, DATABASE_URL: ownerUrl, DATABASE_APP_URL: undefined });
    const logger = createLogger('bench', process.env.BENCH_LOG ?? 'silent');
    const orm = async (entities: Parameters<typeof createOrm>[0]['entities']) => {
      const created = await createOrm({ url: appUrl, entities, poolMax: 20 });
      orms.push(created);
      return created;
    };
    const coreConfig = core.loadCoreConfig({ ...process.env, REDIS_PREFIX: prefix });
    const coreRedis = createRedis(coreConfig.REDIS_URL);
    redises.push(coreRedis);
    servers.push(await core.startCoreServer({ orm: await orm(core.entities), redis: coreRedis, logger, config: coreConfig }));
    const deps = async (entities: Parameters<typeof orm>[0]) => ({
      orm: await orm(entities),
      logger,
      identitySecret: base.IDENTITY_SECRET,
    });
    const workflowRedis = createRedis(base.REDIS_URL);
    redises.push(workflowRedis);
    const resources = workflow.createWorkflowServerResources(
      workflowRedis,
      workflow.loadWorkflowConfig({ ...process.env, REDIS_PREFIX: prefix }),
    );
    workflowResources = resources;
    servers.push(await workflow.startWorkflowServer({ ...(await deps(workflow.entities)), ...resources }));
    const integrationRedis = createRedis(base.REDIS_URL);
    redises.push(integrationRedis);
    const integrationConfig = integration.loadIntegrationConfig({ ...process.env, REDIS_PREFIX: prefix });
    servers.push(
      await integration.startIntegrationServer({
        ...(await deps(integration.entities)),
        redis: integrationRedis,
        config: integrationConfig,
      }),
    );
    servers.push(
      await analytics.startAnalyticsServer({ ...(await deps(analytics.entities)), modules: { suggestions: {}, reporting: {} } }),
    );
    const [coreUrl, workflowUrl, integrationUrl, analyticsUrl] = servers.map((s) => s.url);
    const gatewayConfig = loadGatewayConfig({
      ...process.env,
      CORE_URL: coreUrl,
      WORKFLOW_URL: workflowUrl,
      INTEGRATION_URL: integrationUrl,
      ANALYTICS_URL: analyticsUrl,
      REDIS_PREFIX: prefix,
    });
    const gatewayRedis = createRedis(gatewayConfig.REDIS_URL);
    redises.push(gatewayRedis);
    const gateway = await startGateway({ config: gatewayConfig, logger, redis: gatewayRedis }, 0, '127.0.0.1');
    servers.push({ stop: () => gateway.stop() } as RunningServer);

    const post = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };

    const email = `bench-${randomUUID()}@example.com`;
    const password = 'correct horse battery staple';
    const signedUp = await post('mutation($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken } }', {
      i: { email, password, name: 'Bench', organizationName: 'Bench Org' },
    });
    const token: string = signedUp.signUp.accessToken;
    const tools = ['github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http'];
    const types = ['pr.opened', 'pr.merged', 'message.posted', 'file.saved', 'issue.created'];
    for (let batch = 0; batch < EVENTS / 1000; batch++) {
      const events = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        return {
          idempotencyKey: `bench-${n}`,
          eventType: types[n % types.length],
          tool: tools[n % tools.length],
          occurredAt: new Date(Date.now() - n * 30_000).toISOString(),
          payload: { n, repo: 'flowgraph', path: `/docs/${n}.md` },
        };
      });
      await post('mutation($e: [EventInput!]!) { ingestEvents(events: $e) { createdCount } }', { e: events }, token);
    }
    console.log(`# ${EVENTS} events in one organization; ${REQUESTS} requests per row; argon2id at production cost (19 MiB, 2 passes)`);

    const rows = [];
    rows.push(
      await measure('logIn (auth)', 50, 2, async () => {
        await post('mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }', { i: { email, password } });
      }),
    );
    let refresh: string = signedUp.signUp.refreshToken;
    rows.push(
      await measure('refreshSession (auth)', 100, 1, async () => {
        const data = await post('mutation($t: String!) { refreshSession(refreshToken: $t) { refreshToken } }', { t: refresh });
        refresh = data.refreshSession.refreshToken;
      }),
    );
    rows.push(
      await measure('me (auth context)', REQUESTS, CONCURRENCY, async () => {
        await post('{ me { id email memberships { role organization { name } } } }', {}, token);
      }),
    );
    rows.push(
      await measure('events first page of 50', REQUESTS, CONCURRENCY, async () => {
        await post('{ events(first: 50) { edges { node { id tool eventType occurredAt } } pageInfo { endCursor } } }', {}, token);
      }),
    );
    const deep = await post('{ events(first: 100) { pageInfo { endCursor } } }', {}, token);
    rows.push(
      await measure('events page after a cursor', REQUESTS, CONCURRENCY, async () => {
        await post(
          'query($a: String) { events(first: 50, after: $a) { edges { node { id } } } }',
          { a: deep.events.pageInfo.endCursor },
          token,
        );
      }),
    );
    rows.push(
      await measure('events filtered (tool + type + range)', REQUESTS, CONCURRENCY, async () => {
        await post(
          'query($f: EventFilter) { events(first: 50, filter: $f) { edges { node { id } } } }',
          {
            f: {
              tool: 'slack',
              eventType: 'message.posted',
              from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
              to: new Date().toISOString(),
            },
          },
          token,
        );
      }),
    );
    rows.push(
      await measure('federated me (4 subgraphs)', REQUESTS, CONCURRENCY, async () => {
        await post(
          '{ me { email workflows { edges { node { id } } } integrations { id } patterns { edges { node { id } } } } }',
          {},
          token,
        );
      }),
    );
    console.table(rows);
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await workflowResources?.close();
    for (const o of orms) await o.close(true);
    for (const r of redises) r.disconnect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
