import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Adds the active OpenTelemetry span's ids to a line, unless the logger's own bindings already
 * carry a `trace_id` (request child loggers) or the call passes one, so no line has the key twice.
 */
function traceFields(merge: object, _level: number, logger: Logger): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const context = span.spanContext();
  if (!isSpanContextValid(context)) return {};
  const bindings = (logger as unknown as Record<symbol, string | undefined>)[pino.symbols.chindingsSym];
  if (bindings?.includes('"trace_id"') || 'trace_id' in merge) return { span_id: context.spanId };
  return { trace_id: context.traceId, span_id: context.spanId };
}

/** The one logger: JSON lines on stdout. Children carry request_id and trace_id; the active span adds them too. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceFields,
  });
}
