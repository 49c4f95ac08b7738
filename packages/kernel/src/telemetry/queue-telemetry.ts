import { BullMQOtel } from 'bullmq-otel';

let shared: BullMQOtel | undefined;

/**
 * The `telemetry` option for every BullMQ Queue and Worker: a job added inside a traced request
 * carries the trace context in its options, and the worker's span continues that trace. A proxy
 * to the global tracer, so it is harmless (no spans) when telemetry was not started.
 */
export function queueTelemetry(): BullMQOtel {
  shared ??= new BullMQOtel({ tracerName: 'flowgraph' });
  return shared;
}
