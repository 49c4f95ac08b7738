import { isSpanContextValid, trace } from '@opentelemetry/api';

/** The active OpenTelemetry span's trace id, when telemetry runs and a span is active. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
