import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';

/**
 * Makes the named tracers (instrumentation scopes, e.g. `apollo/gateway-js`) create no spans,
 * while every other tracer keeps the registered provider. A silenced tracer's "span" is the
 * non-recording wrapper of its parent, so spans made inside it still hang off the real parent
 * and the trace stays one tree. Call once, after the SDK registered its provider.
 */
export function silenceTracers(names: readonly string[]): void {
  if (names.length === 0) return;
  const registered = trace.getTracerProvider();
  // A proxy provider without a delegate hands out no-op tracers.
  const silent: TracerProvider = new ProxyTracerProvider();
  const silenced = new Set(names);
  // The API keeps one global provider: swap it for one that routes by tracer name.
  trace.disable();
  trace.setGlobalTracerProvider({
    getTracer: (name, version, options) => (silenced.has(name) ? silent : registered).getTracer(name, version, options),
  });
}
