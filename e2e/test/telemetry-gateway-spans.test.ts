import { runTelemetryProcess, type ChildOutput } from '../support/telemetry-child';
import type { SpanRecord } from '../support/telemetry-scenario';

// The gateway's telemetry exactly as its process starts it (GATEWAY_TELEMETRY: no http
// instrumentation, Apollo's tracer silenced), in a child process as in telemetry-tracing.test.ts.
let output: ChildOutput;
const SERVER = 1;
const CLIENT = 2;

beforeAll(async () => {
  output = await runTelemetryProcess('gateway-spans', {
    TELEMETRY_IN_MEMORY: '1',
    TELEMETRY_AS_GATEWAY: '1',
    SENTRY_DSN: undefined,
    OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
  });
}, 120_000);

const federated = () => output.result.requests.federated;
const traceIdOf = (traceparent: string | undefined) => traceparent!.split('-')[1];
const spansOfFederated = () => output.result.spans.filter((span) => span.traceId === traceIdOf(federated().traceparent));
const serverSpanOf = (spans: SpanRecord[]) => spans.find((span) => span.kind === SERVER)!;

it('makes one server span per request, continuing the caller’s traceparent', () => {
  const spans = spansOfFederated();
  const servers = spans.filter((span) => span.kind === SERVER);
  expect(servers).toHaveLength(1);
  expect(servers[0]).toMatchObject({
    name: 'POST /graphql',
    parentSpanId: federated().traceparent!.split('-')[2],
    attributes: {
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
      'server.port': Number(new URL(output.result.urls!.gateway).port),
    },
  });
});

it('makes one client span per subgraph call under the server span, and none of @apollo/gateway’s', () => {
  const spans = spansOfFederated();
  const server = serverSpanOf(spans);
  const clients = spans.filter((span) => span.kind === CLIENT);
  expect(new Set(clients.map((span) => span.attributes['graphql.subgraph.name']))).toEqual(
    new Set(['core', 'workflow', 'integration', 'analytics']),
  );
  for (const client of clients) {
    expect(client.parentSpanId).toBe(server.spanId);
    expect(client.name).toBe(`POST ${String(client.attributes['graphql.subgraph.name'])}`);
  }
  // Only ours: Apollo's gateway.request/plan/execute/fetch/postprocessing are silenced.
  expect(spans.filter((span) => span !== server && !clients.includes(span))).toEqual([]);
  expect(output.result.spans.some((span) => span.name.startsWith('gateway.'))).toBe(false);
});

it('sends each subgraph call with the traceparent of its own client span', () => {
  const spans = spansOfFederated();
  const coreCalls = spans.filter((span) => span.kind === CLIENT && span.attributes['graphql.subgraph.name'] === 'core');
  const received = output.result.coreTraceparents!;
  expect(received.length).toBe(coreCalls.length);
  expect(new Set(received)).toEqual(new Set(coreCalls.map((span) => `00-${span.traceId}-${span.spanId}-01`)));
});

it('logs the gateway’s request line with the server span’s trace and span ids', () => {
  const server = serverSpanOf(spansOfFederated());
  const line = output.logs.find(
    (entry) => entry.msg === 'graphql request' && entry.request_id === federated().requestId && entry.operation === 'Federated',
  );
  expect(line).toMatchObject({ trace_id: server.traceId, span_id: server.spanId });
});
