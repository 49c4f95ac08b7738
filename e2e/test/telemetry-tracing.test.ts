import { runTelemetryProcess, type ChildOutput } from '../support/telemetry-child';
import type { SpanRecord } from '../support/telemetry-scenario';

// OpenTelemetry patches modules only when it starts before they load, which jest has already
// done: the federation runs in a child process that starts telemetry first (see support/).
let output: ChildOutput;
const SERVER = 1;
const CLIENT = 2;
const PRODUCER = 3;
const CONSUMER = 4;

beforeAll(async () => {
  output = await runTelemetryProcess('traces', { TELEMETRY_IN_MEMORY: '1', SENTRY_DSN: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: undefined });
}, 120_000);

const traceIdOf = (traceparent: string | undefined) => traceparent!.split('-')[1];
const parentIdOf = (traceparent: string | undefined) => traceparent!.split('-')[2];
const spansOf = (traceId: string) => output.result.spans.filter((span) => span.traceId === traceId);
const portOf = (url: string) => new URL(url).port;
const serverPort = (span: SpanRecord) => String(span.attributes['net.host.port'] ?? span.attributes['server.port'] ?? '');

function ancestors(span: SpanRecord): SpanRecord[] {
  const byId = new Map(output.result.spans.map((s) => [s.spanId, s]));
  const chain: SpanRecord[] = [];
  for (let at = span.parentSpanId && byId.get(span.parentSpanId); at; at = at.parentSpanId && byId.get(at.parentSpanId)) chain.push(at);
  return chain;
}

it('continues the caller’s traceparent through the gateway into every subgraph and their SQL', () => {
  const { traceparent } = output.result.requests.federated;
  const trace = spansOf(traceIdOf(traceparent));
  const urls = output.result.urls!;
  const gatewayServer = trace.find((span) => span.kind === SERVER && serverPort(span) === portOf(urls.gateway));
  expect(gatewayServer?.parentSpanId).toBe(parentIdOf(traceparent));
  for (const subgraph of ['core', 'workflow', 'integration', 'analytics']) {
    const server = trace.find((span) => span.kind === SERVER && serverPort(span) === portOf(urls[subgraph]));
    expect({ subgraph, found: Boolean(server) }).toEqual({ subgraph, found: true });
    // Parented by the gateway's client span for that fetch, itself under the gateway's request.
    const chain = ancestors(server!);
    expect(chain[0]?.kind).toBe(CLIENT);
    expect(chain).toContainEqual(gatewayServer);
  }
  const sql = trace.filter((span) => span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');
  expect(sql.length).toBeGreaterThan(0);
  expect(
    ancestors(sql[0]).some((span) => span.kind === SERVER && span !== gatewayServer && serverPort(span) !== portOf(urls.gateway)),
  ).toBe(true);
});

it('continues a request’s trace into the BullMQ job it enqueues', () => {
  const trace = spansOf(traceIdOf(output.result.requests.execute.traceparent));
  const producer = trace.find((span) => span.kind === PRODUCER && span.name.includes('workflow-executions'));
  const consumer = trace.find((span) => span.kind === CONSUMER && span.name.includes('workflow-executions'));
  expect(producer).toBeDefined();
  expect(consumer).toBeDefined();
  // The producer ran inside the workflow subgraph's request.
  expect(ancestors(producer!).some((span) => span.kind === SERVER && serverPort(span) === portOf(output.result.urls!.workflow))).toBe(true);
});

it('logs request lines with the request id and the trace id, in the gateway and in the subgraphs', () => {
  const { requestId, traceparent } = output.result.requests.federated;
  const lines = output.logs.filter((line) => line.msg === 'graphql request' && line.request_id === requestId);
  // The gateway's line plus one per subgraph fetch, all on the caller's trace.
  expect(lines.length).toBeGreaterThanOrEqual(5);
  for (const line of lines) expect(line.trace_id).toBe(traceIdOf(traceparent));
  expect(lines.find((line) => line.operation === 'Federated')?.span_id).toMatch(/^[0-9a-f]{16}$/);
});

it('gives a request without traceparent a trace of its own, shared by its identity, logs and subgraph spans', () => {
  const { requestId } = output.result.requests.untraced;
  const gatewayLine = output.logs.find(
    (line) => line.msg === 'graphql request' && line.request_id === requestId && line.operation === 'Untraced',
  );
  const traceId = gatewayLine?.trace_id as string;
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  const trace = spansOf(traceId);
  const gatewayServer = trace.find((span) => span.kind === SERVER && serverPort(span) === portOf(output.result.urls!.gateway));
  expect(gatewayServer?.parentSpanId).toBeUndefined();
  expect(trace.some((span) => span.kind === SERVER && serverPort(span) === portOf(output.result.urls!.core))).toBe(true);
  // Core's log line has the trace id from the signed identity: the same one.
  expect(
    output.logs.some(
      (line) =>
        line.msg === 'graphql request' && line.request_id === requestId && line.operation !== 'Untraced' && line.trace_id === traceId,
    ),
  ).toBe(true);
});

it('warns about operations slower than SLOW_OPERATION_MS with operation, time, request id and trace id', () => {
  const { requestId, traceparent } = output.result.requests.federated;
  const warning = output.logs.find((line) => line.msg === 'slow operation' && line.request_id === requestId);
  expect(warning).toMatchObject({ level: 'warn', operation: 'Federated', threshold_ms: 0, trace_id: traceIdOf(traceparent) });
  expect(typeof warning?.ms).toBe('number');
});

it('keeps one trace_id per log line', () => {
  const raw = output.logs.filter((line) => line.msg === 'graphql request');
  expect(raw.length).toBeGreaterThan(0);
  // JSON.parse keeps the last of duplicate keys; the child's text is what would show duplicates.
  expect(JSON.stringify(raw[0]).match(/"trace_id"/g)).toHaveLength(1);
});
