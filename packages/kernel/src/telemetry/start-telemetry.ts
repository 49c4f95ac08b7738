import path from 'node:path';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { loadTelemetryConfig, type TelemetryConfig } from './config';
import { setTelemetryFlush } from './hooks';
import { startSentry, type RunningSentry } from './sentry';
import { silenceTracers } from './silence-tracers';

/** What can be instrumented; a process may leave some out to save their cost. */
export type InstrumentedModule = 'http' | 'express' | 'ioredis' | 'pg' | 'graphql' | 'undici';

export interface TelemetryOptions {
  /** Default: read from the environment (`loadTelemetryConfig`). */
  config?: TelemetryConfig;
  /** Modules whose calls become spans. Default: all of them. */
  instrument?: readonly InstrumentedModule[];
  /**
   * Tracers (instrumentation scope names) whose spans are not made, for libraries whose own spans
   * a process replaces with cheaper ones of its own. Default: none.
   */
  silencedTracers?: readonly string[];
  /** Test hook: keep every finished span in memory (see `RunningTelemetry.spans`). Default false. */
  inMemorySpans?: boolean;
}

export interface RunningTelemetry {
  serviceName: string;
  /** Whether Sentry was initialised (SENTRY_DSN set). */
  sentry: boolean;
  /** Finished spans, when started with `inMemorySpans`; otherwise empty. */
  spans(): tracing.ReadableSpan[];
  /** Flushes and stops exporters (and Sentry). */
  shutdown(): Promise<void>;
}

let running: RunningTelemetry | undefined;

/**
 * The service name: `OTEL_SERVICE_NAME` if set, else `base`, with `-worker` when the process was
 * started from a `worker.js`/`worker.ts` entry (one preload module serves a package's two processes).
 */
export function defaultServiceName(base: string, entry = process.argv[1] ?? ''): string {
  if (process.env.OTEL_SERVICE_NAME) return process.env.OTEL_SERVICE_NAME;
  return /^worker\.[cm]?[jt]s$/.test(path.basename(entry)) ? `${base}-worker` : base;
}

type Instrumentation = NonNullable<NonNullable<ConstructorParameters<typeof NodeSDK>[0]>['instrumentations']>[number];

const instrumentationOf: Record<InstrumentedModule, () => Instrumentation> = {
  http: () => new HttpInstrumentation(),
  // Route and handler spans; one span per middleware would drown the trace.
  express: () => new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
  // Unparented Redis/SQL calls are BullMQ polling and pool upkeep: noise without a request.
  ioredis: () => new IORedisInstrumentation({ requireParentSpan: true }),
  pg: () => new PgInstrumentation({ requireParentSpan: true }),
  // Parse, validate and execute spans; no span per resolver: wrapping every field's resolver cost
  // more per request than the pg spans under it tell (decision 0026).
  graphql: () => new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }),
  undici: () => new UndiciInstrumentation(),
};

const ALL_MODULES = Object.keys(instrumentationOf) as InstrumentedModule[];

/**
 * Starts OpenTelemetry for this process (once; later calls return the running instance). Must run
 * before the instrumented modules (http, express, pg, ioredis, graphql) are loaded: each process
 * imports its `instrument.ts` first. W3C trace context in and out; OTLP/HTTP export only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set; Sentry only when `SENTRY_DSN` is set.
 */
export function startTelemetry(serviceName: string, options: TelemetryOptions = {}): RunningTelemetry {
  if (running) return running;
  const config = options.config ?? loadTelemetryConfig();
  const processors: tracing.SpanProcessor[] = [];
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const url = `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`;
    processors.push(new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const sentry: RunningSentry | undefined = config.SENTRY_DSN
    ? startSentry({ ...config, SENTRY_DSN: config.SENTRY_DSN }, tracing)
    : undefined;
  if (sentry) processors.push(sentry.spanProcessor);
  const memory = options.inMemorySpans ? new tracing.InMemorySpanExporter() : undefined;
  if (memory) processors.push(new tracing.SimpleSpanProcessor(memory));
  const exporting = processors.length > 0;
  const sdk = new NodeSDK({
    serviceName,
    // Without an exporter, spans are not recorded but still get ids (logs, traceparent downstream).
    spanProcessors: exporting ? processors : [new tracing.NoopSpanProcessor()],
    sampler: exporting
      ? new tracing.ParentBasedSampler({ root: new tracing.TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_RATIO) })
      : new tracing.AlwaysOffSampler(),
    textMapPropagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    instrumentations: (options.instrument ?? ALL_MODULES).map((name) => instrumentationOf[name]()),
    // Metrics are Prometheus (prom-client) and logs are pino: keep the SDK's env defaults (OTLP) off.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  silenceTracers(options.silencedTracers ?? []);
  setTelemetryFlush(async () => {
    await sentry?.flush();
    await Promise.all(processors.map((processor) => processor.forceFlush()));
  });
  running = {
    serviceName,
    sentry: sentry !== undefined,
    spans: () => memory?.getFinishedSpans() ?? [],
    async shutdown() {
      await sentry?.flush();
      await sdk.shutdown();
      running = undefined;
    },
  };
  return running;
}
