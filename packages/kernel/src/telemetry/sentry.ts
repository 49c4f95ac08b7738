import type { tracing } from '@opentelemetry/sdk-node';
import type * as SentryNode from '@sentry/node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { TelemetryConfig } from './config';
import { setErrorReporter } from './hooks';

export interface RunningSentry {
  /** Sends our OpenTelemetry spans to Sentry's OTLP endpoint (Sentry 11 does not read our provider). */
  spanProcessor: tracing.SpanProcessor;
  flush(timeoutMs?: number): Promise<boolean>;
}

/**
 * Sentry 11 on top of our own OpenTelemetry SDK: errors through `Sentry.init` with
 * `openTelemetryIntegration()` (events carry the active OTel trace), traces through an OTLP
 * exporter aimed at the DSN's OTLP endpoint. Sentry's own tracer provider stays off
 * (`enableOpenTelemetrySetup` defaults to false) so it does not compete with ours.
 */
export function startSentry(config: TelemetryConfig & { SENTRY_DSN: string }, tracingModule: typeof tracing): RunningSentry {
  // Required here only: without a DSN, nothing of Sentry is even loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Sentry = require('@sentry/node') as typeof SentryNode;
  Sentry.init({
    dsn: config.SENTRY_DSN,
    environment: config.SENTRY_ENVIRONMENT ?? config.NODE_ENV,
    integrations: [Sentry.openTelemetryIntegration()],
  });
  setErrorReporter((error, context) => {
    Sentry.captureException(error, context ? { extra: context } : undefined);
  });
  const endpoint = Sentry.getOtlpTracesEndpoint(config.SENTRY_DSN);
  if (!endpoint) throw new Error('SENTRY_DSN cannot be parsed');
  return {
    spanProcessor: new tracingModule.BatchSpanProcessor(new OTLPTraceExporter(endpoint)),
    flush: (timeoutMs = 2000) => Sentry.flush(timeoutMs),
  };
}
