import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'bullmq';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { createRedis, queueTelemetry } from '@flowgraph/kernel';
import type { RunningTelemetry } from '@flowgraph/kernel/telemetry';
import { QUEUES, bullPrefix } from '@flowgraph/workflow/testing';
import { post as postTraced, startFederation } from './federation-kit';

/** What the parent test reads from the `RESULT` line. */
export interface ScenarioResult {
  sentry: boolean;
  sentryLoaded: boolean;
  requests: Record<string, { requestId: string | null; traceparent?: string; errors?: unknown }>;
  urls?: Record<string, string>;
  /** `traceparent` headers Core received, in order (scenario `gateway-spans`). */
  coreTraceparents?: string[];
  spans: SpanRecord[];
}

export interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

/**
 * The test's own calls are not traced: the client and the gateway share this process, and the
 * fetch instrumentation would replace the traceparent the test sends with its own.
 */
const post = <T>(...args: Parameters<typeof postTraced>) => context.with(suppressTracing(context.active()), () => postTraced<T>(...args));

const traceparent = (traceId: string) => `00-${traceId}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`;
const newTraceId = () => randomUUID().replace(/-/g, '');

type GatewayCall = (
  name: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) => Promise<Record<string, { [key: string]: unknown }>>;

/** Posts to the gateway untraced, records the request under `name`, and fails on GraphQL errors. */
function gatewayCaller(url: string, requests: ScenarioResult['requests']): GatewayCall {
  return async (name, query, variables, headers) => {
    const response = await post<Record<string, { [key: string]: unknown }>>(url, query, variables, headers);
    requests[name] = { requestId: response.headers.get('x-request-id'), traceparent: headers.traceparent, errors: response.errors };
    if (response.errors) throw new Error(`${name}: ${JSON.stringify(response.errors)}`);
    return response.data!;
  };
}

/** Signs up a new account through the gateway; its bearer header. */
async function signedUpCaller(gateway: GatewayCall): Promise<{ authorization: string }> {
  const signedUp = await gateway(
    'signUp',
    'mutation SignUp($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    { input: { email: `${randomUUID()}@example.com`, password: 'correct horse battery staple', name: 'Ada', organizationName: 'Engines' } },
    {},
  );
  return { authorization: `Bearer ${signedUp.signUp.accessToken as string}` };
}

/** Signs up, queries across all four subgraphs, runs a workflow (its job goes through BullMQ). */
async function traces(): Promise<Pick<ScenarioResult, 'requests' | 'urls'>> {
  const federation = await startFederation({ SLOW_OPERATION_MS: '0' });
  const connection = createRedis(federation.config.REDIS_URL, { forWorkers: true });
  let processed!: () => void;
  const jobDone = new Promise<void>((resolve) => (processed = resolve));
  // A consumer like the workflow worker's, with the same kernel telemetry option.
  const worker = new Worker(QUEUES.executions, async () => processed(), {
    connection,
    prefix: bullPrefix(federation.config.REDIS_PREFIX),
    telemetry: queueTelemetry(),
  });
  const requests: ScenarioResult['requests'] = {};
  try {
    const gateway = gatewayCaller(federation.gateway.url, requests);
    const auth = await signedUpCaller(gateway);
    const created = await gateway('createWorkflow', 'mutation { createWorkflow(input: { name: "Traced" }) { workflow { id } } }', {}, auth);
    const workflowId = (created.createWorkflow.workflow as { id: string }).id;
    const definition = { steps: [{ id: 'shape', type: 'transform', config: { expression: '{ "ok": true }' } }], edges: [] };
    const saved = await gateway(
      'updateWorkflow',
      'mutation($id: ID!, $d: JSONObject!) { updateWorkflow(id: $id, input: { definition: $d }) { workflow { latestVersion { version } } } }',
      { id: workflowId, d: definition },
      auth,
    );
    const version = (saved.updateWorkflow.workflow as { latestVersion: { version: number } }).latestVersion.version;
    await gateway(
      'publish',
      'mutation($id: ID!, $v: Int!) { publishWorkflow(id: $id, version: $v) { workflow { id } } }',
      { id: workflowId, v: version },
      auth,
    );
    await gateway(
      'federated',
      'query Federated { me { name workflows { edges { node { name } } } integrations { provider } patterns(first: 5) { edges { node { support } } } } }',
      {},
      { ...auth, traceparent: traceparent(newTraceId()) },
    );
    await gateway(
      'execute',
      'mutation Execute($id: ID!) { executeWorkflow(input: { workflowId: $id, idempotencyKey: "traced-1" }) { execution { id } } }',
      { id: workflowId },
      { ...auth, traceparent: traceparent(newTraceId()) },
    );
    await gateway('untraced', 'query Untraced { me { name } }', {}, auth);
    await Promise.race([jobDone, new Promise((_, reject) => setTimeout(() => reject(new Error('job not processed')), 15_000))]);
    return { requests, urls: { gateway: federation.gateway.url, ...federation.urls } };
  } finally {
    await worker.close();
    connection.disconnect();
    await federation.stop();
  }
}

/** A pass-through proxy that records the `traceparent` of every request it forwards. */
async function recordingProxy(): Promise<{ url: string; traceparents: string[]; forwardTo(url: string): void; close(): Promise<void> }> {
  const traceparents: string[] = [];
  let target: URL | undefined;
  const server = http.createServer((req, res) => {
    traceparents.push(String(req.headers.traceparent ?? ''));
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    traceparents,
    forwardTo: (url) => (target = new URL(url)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The gateway's own spans, with telemetry started as its process starts it (`GATEWAY_TELEMETRY`):
 * Core is reached through a proxy that records the traceparent each call carried.
 */
async function gatewaySpans(): Promise<Pick<ScenarioResult, 'requests' | 'urls' | 'coreTraceparents'>> {
  const proxy = await recordingProxy();
  const federation = await startFederation({ CORE_URL: proxy.url, SLOW_OPERATION_MS: '0' });
  proxy.forwardTo(federation.urls.core);
  const requests: ScenarioResult['requests'] = {};
  try {
    const gateway = gatewayCaller(federation.gateway.url, requests);
    const auth = await signedUpCaller(gateway);
    proxy.traceparents.length = 0; // only the federated query's calls from here
    await gateway(
      'federated',
      'query Federated { me { name workflows { edges { node { name } } } integrations { provider } patterns(first: 5) { edges { node { support } } } } }',
      {},
      { ...auth, traceparent: traceparent(newTraceId()) },
    );
    return { requests, urls: { gateway: federation.gateway.url, ...federation.urls }, coreTraceparents: [...proxy.traceparents] };
  } finally {
    await federation.stop();
    await proxy.close();
  }
}

/**
 * One masked internal error in the gateway: a subgraph on another schema (a botched deploy)
 * refuses the planned query with HTTP 400. (A subgraph that cannot be reached is UNAVAILABLE, an
 * outage rather than a bug, and is not reported.)
 */
async function internalError(): Promise<Pick<ScenarioResult, 'requests'>> {
  const stale = http.createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'Cannot query field "pattern" on type "Query".' }] }));
  });
  await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve));
  const federation = await startFederation({ ANALYTICS_URL: `http://127.0.0.1:${(stale.address() as AddressInfo).port}/graphql` });
  try {
    const response = await post(federation.gateway.url, `query Broken { pattern(id: "${randomUUID()}") { id } }`, {}, {});
    return { requests: { broken: { requestId: response.headers.get('x-request-id'), errors: response.errors } } };
  } finally {
    await federation.stop();
    await new Promise<void>((resolve) => stale.close(() => resolve()));
  }
}

export async function runScenario(name: string, telemetry: RunningTelemetry): Promise<void> {
  const scenarios = { 'internal-error': internalError, 'gateway-spans': gatewaySpans, traces };
  const outcome = await (scenarios[name as keyof typeof scenarios] ?? traces)();
  // Sends Sentry's events and the OTLP batch before we read anything.
  const spans = telemetry.spans();
  await telemetry.shutdown();
  const result: ScenarioResult = {
    ...outcome,
    sentry: telemetry.sentry,
    sentryLoaded: Object.keys(require.cache).some((file) => file.includes(`${'@sentry'}/node`)),
    spans: spans.map((span) => ({
      name: span.name,
      kind: span.kind,
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      attributes: span.attributes,
    })),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}
