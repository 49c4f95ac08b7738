import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace, type Attributes } from '@opentelemetry/api';
import type { TelemetryOptions } from '@flowgraph/kernel/telemetry';
import type { NextFunction, Request, Response } from 'express';

/**
 * The gateway's spans, made here instead of by the http instrumentation and @apollo/gateway's own
 * tracer (both are off in `instrument.ts`): per request one server span and per subgraph call one
 * client span, which is what an operator reads in a gateway trace; the instrumentation's hooks and
 * Apollo's five spans per operation plus one per fetch cost the gateway a third of its CPU per
 * request (docs/decisions/0016). Without a started SDK these are the API's no-ops.
 */
const tracer = trace.getTracer('@flowgraph/gateway');

/**
 * How the gateway process starts OpenTelemetry (`instrument.ts`): no instrumentation, Apollo's
 * tracer silenced; the spans below replace them, and the gateway's outgoing calls (subgraphs,
 * API-key verification, webhook deliveries) carry their context explicitly (`injectTraceContext`).
 */
export const GATEWAY_TELEMETRY: Pick<TelemetryOptions, 'instrument' | 'silencedTracers'> = {
  instrument: [],
  silencedTracers: ['apollo/gateway-js'],
};

/**
 * Express middleware: a SERVER span named `<METHOD> <route>` continuing the caller's W3C trace
 * context, active for everything after it (authentication, the logger's trace ids, subgraph
 * calls), ended when the response finishes or the connection closes (SSE streams).
 */
export function serverSpan(route: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(
      `${req.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': req.method,
          'http.route': route,
          'url.path': req.originalUrl.split('?', 1)[0],
          'server.port': req.socket.localPort,
          'client.address': req.ip,
          'user_agent.original': req.headers['user-agent'],
        },
      },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}

/** A subgraph's span name and attributes, worked out once per data source rather than per call. */
export interface SubgraphSpanTarget {
  name: string;
  attributes: Attributes;
}

/** `subgraph`: its name, e.g. `core`; `url`: its `/graphql` URL. */
export function subgraphSpanTarget(subgraph: string, url: string): SubgraphSpanTarget {
  const target = new URL(url);
  return {
    name: `POST ${subgraph}`,
    attributes: {
      'http.request.method': 'POST',
      'url.full': url,
      'server.address': target.hostname,
      'server.port': Number(target.port) || (target.protocol === 'https:' ? 443 : 80),
      'graphql.subgraph.name': subgraph,
    },
  };
}

/**
 * Runs one subgraph call inside a CLIENT span (`POST <subgraph>`), active while `run` runs so
 * `injectTraceContext` writes its `traceparent`; failures are recorded on the span.
 * `operationName` is the one Apollo sends (`<Operation>__<subgraph>__<n>`).
 */
export async function inSubgraphSpan<T>(target: SubgraphSpanTarget, operationName: string | undefined, run: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan(target.name, {
    kind: SpanKind.CLIENT,
    attributes: { ...target.attributes, 'graphql.operation.name': operationName },
  });
  try {
    return await context.with(trace.setSpan(context.active(), span), run);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** Writes the active span's W3C context (`traceparent`, baggage) into outgoing headers. */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}
