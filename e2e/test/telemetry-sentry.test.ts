import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { runTelemetryProcess } from '../support/telemetry-child';

/** A stand-in for Sentry's ingest: records every POST (path and decoded body). */
interface Received {
  path: string;
  body: string;
}
/** The parts of an envelope item the test reads. */
interface SentryItem {
  exception?: { values?: unknown[] };
  extra?: Record<string, unknown>;
  contexts?: { trace?: { trace_id?: string } };
}
let sentry: http.Server;
let received: Received[] = [];
let dsn: string;

beforeAll(async () => {
  sentry = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      received.push({ path: req.url ?? '', body: body.toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve));
  dsn = `http://public@127.0.0.1:${(sentry.address() as AddressInfo).port}/1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => sentry.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

it('sends a masked internal error and its trace’s spans to Sentry, and the spans to the OTLP collector, when both are set', async () => {
  // The same server also plays an OpenTelemetry collector, under its own path.
  const collector = `${new URL(dsn).origin}/collector`;
  const { result } = await runTelemetryProcess('internal-error', { SENTRY_DSN: dsn, OTEL_EXPORTER_OTLP_ENDPOINT: collector });
  expect(result.sentry).toBe(true);
  expect(result.requests.broken.errors).toEqual([
    expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL', masked: true }) }),
  ]);

  const envelopes = received.filter((r) => r.path.startsWith('/api/1/envelope/'));
  // Envelope: a header line, then item header / payload pairs.
  const events = envelopes
    .flatMap((r) => r.body.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SentryItem);
  const error = events.find((item) => item.exception?.values?.length);
  expect(error).toBeDefined();
  expect(error!.extra).toMatchObject({ request_id: result.requests.broken.requestId });
  const errorTraceId = error!.contexts?.trace?.trace_id as string;
  expect(errorTraceId).toMatch(/^[0-9a-f]{32}$/);

  // Spans go to the DSN's OTLP endpoint; the error is attached to the same trace.
  const otlp = received.filter((r) => r.path.includes('/otlp/v1/traces'));
  expect(otlp.length).toBeGreaterThan(0);
  const spans = otlp
    .flatMap(
      (r) => (JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: { traceId: string; name: string }[] }[] }[] }).resourceSpans,
    )
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
  expect(spans.some((span) => span.traceId === errorTraceId && span.name.startsWith('POST'))).toBe(true);
  // OTEL_EXPORTER_OTLP_ENDPOINT gets the same spans, at <endpoint>/v1/traces.
  const exported = received.filter((r) => r.path === '/collector/v1/traces');
  expect(exported.length).toBeGreaterThan(0);
  expect(exported.some((r) => r.body.includes(errorTraceId))).toBe(true);
}, 120_000);

it('neither loads nor initialises Sentry, and sends nothing, without SENTRY_DSN', async () => {
  const { result } = await runTelemetryProcess('internal-error', { SENTRY_DSN: undefined, OTEL_EXPORTER_OTLP_ENDPOINT: undefined });
  expect(result.requests.broken.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'INTERNAL' }) })]);
  expect(result.sentry).toBe(false);
  expect(result.sentryLoaded).toBe(false);
  expect(received).toEqual([]);
}, 120_000);
