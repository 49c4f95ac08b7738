import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Writable } from 'node:stream';
import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse, GraphQLRequestListener } from '@apollo/server';
import { type GatewayContext, createGatewayMetrics, operationTelemetry } from '@flowgraph/gateway/testing';
import { bearer, post, startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;

beforeAll(async () => {
  // Port 0: a free port of its own, like METRICS_PORT=9464 in a pod.
  federation = await startFederation({ METRICS_PORT: '0' });
});

afterAll(async () => {
  await federation.stop();
});

const scrape = async () => {
  const response = await fetch(federation.gateway.metricsUrl!);
  expect(response.status).toBe(200);
  return response.text();
};

it('exposes operations, latency buckets and error codes on the metrics port after a few requests', async () => {
  const auth = await bearer({ userId: randomUUID(), orgId: randomUUID(), role: 'admin', sessionId: randomUUID() });
  for (let i = 0; i < 2; i++) expect((await post(federation.gateway.url, 'query MetricsProbe { me { id } }', {}, auth)).status).toBe(200);
  const invalid = await post(federation.gateway.url, 'query MetricsBroken { noSuchField }', {}, auth);
  expect(invalid.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  const anonymous = await post(federation.gateway.url, 'query MetricsAnonymous { me { id } }', {}, {});
  const code = anonymous.errors?.[0]?.extensions?.code as string;
  expect(code).toBe('UNAUTHENTICATED');

  const text = await scrape();
  expect(text).toMatch(/^graphql_operations_total\{operation="MetricsProbe",type="query"\} 2$/m);
  expect(text).toMatch(/^graphql_operation_duration_seconds_bucket\{le="0\.005",operation="MetricsProbe"\} \d+$/m);
  expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="MetricsProbe"\} 2$/m);
  expect(text).toMatch(/^graphql_errors_total\{code="VALIDATION_ERROR"\} 1$/m);
  expect(text).toMatch(/^graphql_errors_total\{code="UNAUTHENTICATED"\} 1$/m);
  // Process metrics come along (default collectors).
  expect(text).toMatch(/^process_cpu_user_seconds_total /m);
});

it('does not serve metrics on the public port', async () => {
  const response = await fetch(new URL('/metrics', federation.gateway.url));
  expect(response.status).toBe(404);
  expect(await response.text()).not.toContain('graphql_operations_total');
  expect(new URL(federation.gateway.metricsUrl!).port).not.toBe(String(federation.gateway.port));
});

/** Drives the plugin's hooks the way Apollo Server does, for one finished request. */
async function finish(plugin: ApolloServerPlugin<GatewayContext>, operationName: string, ms = 0, logger = pino({ level: 'silent' })) {
  const contextValue = { logger } as unknown as GatewayContext;
  const listener = (await plugin.requestDidStart!({ contextValue } as never)) as GraphQLRequestListener<GatewayContext>;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  await listener.willSendResponse!({
    contextValue,
    operationName,
    request: { operationName },
    operation: { operation: 'query' },
    response: { body: { kind: 'single', singleResult: { data: {} } } },
  } as unknown as GraphQLRequestContextWillSendResponse<GatewayContext>);
}

it('counts operation names beyond the label cap as "other"', async () => {
  const metrics = createGatewayMetrics({ defaultMetrics: false });
  const plugin = operationTelemetry({ metrics, logger: pino({ level: 'silent' }), maxOperationLabels: 2 });
  for (const name of ['A', 'B', 'C', 'D', 'A']) await finish(plugin, name);
  const values = (await metrics.operations.get()).values.map((v) => [v.labels.operation, v.value]);
  expect(Object.fromEntries(values)).toEqual({ A: 2, B: 1, other: 2 });
});

it('warns only about operations slower than the threshold', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()),
  });
  const logger = pino({ level: 'info' }, sink);
  const plugin = operationTelemetry({ metrics: createGatewayMetrics({ defaultMetrics: false }), logger, slowOperationMs: 20 });
  await finish(plugin, 'Quick', 0, logger);
  await finish(plugin, 'Sluggish', 40, logger);
  const slow = lines.filter((line) => line.msg === 'slow operation');
  expect(slow).toEqual([expect.objectContaining({ operation: 'Sluggish', threshold_ms: 20 })]);
  expect(slow[0].ms as number).toBeGreaterThanOrEqual(20);
});
