import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The gateway's Prometheus metrics, on a registry of its own (one per gateway, so tests and
 * several gateways in one process never share counters). Features record into these; the
 * telemetry wiring serves `registry` on `/metrics`.
 */
export interface GatewayMetrics {
  registry: Registry;
  /** GraphQL operations answered, by operation name (`anonymous` when unnamed) and type. */
  operations: Counter<'operation' | 'type'>;
  /** Seconds from request start to response, by operation name. */
  operationDuration: Histogram<'operation'>;
  /** Errors returned to clients, by `extensions.code`. */
  errors: Counter<'code'>;
  /** Response-cache lookups: `result` is `hit` or `miss`. */
  responseCache: Counter<'result'>;
  /** Query-plan cache lookups: `result` is `hit` or `miss`. */
  queryPlanCache: Counter<'result'>;
  /** Requests refused by a rate limit, by which limit (`user`, `api_key`, `ip`, `operation`, `field`). */
  rateLimitRejections: Counter<'limit'>;
  /** Operations refused before execution (depth, aliases, cost, trusted documents…), by reason. */
  operationRejections: Counter<'reason'>;
  /** Subscriptions open now, by transport (`ws`, `sse`). */
  activeSubscriptions: Gauge<'transport'>;
  /** Requests to the deprecated unprefixed REST paths, redirected to /api/v1, by resource (`events`, `workflows`…). */
  restLegacyRedirects: Counter<'resource'>;
}

/** Operation-name labels are client-controlled: beyond this many distinct names, the rest count as `other`. */
export const MAX_OPERATION_LABELS = 500;

export function createGatewayMetrics(options: { defaultMetrics?: boolean } = {}): GatewayMetrics {
  const registry = new Registry();
  // Event-loop delay sampled every 100 ms, as the workers do: prom-client's 10 ms timer alone cost ~1 % of a core.
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  const registers = [registry];
  return {
    registry,
    operations: new Counter({
      name: 'graphql_operations_total',
      help: 'GraphQL operations answered',
      labelNames: ['operation', 'type'],
      registers,
    }),
    operationDuration: new Histogram({
      name: 'graphql_operation_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    errors: new Counter({ name: 'graphql_errors_total', help: 'Errors returned to clients, by code', labelNames: ['code'], registers }),
    responseCache: new Counter({
      name: 'gateway_response_cache_total',
      help: 'Response-cache lookups by result',
      labelNames: ['result'],
      registers,
    }),
    queryPlanCache: new Counter({
      name: 'gateway_query_plan_cache_total',
      help: 'Query-plan cache lookups by result',
      labelNames: ['result'],
      registers,
    }),
    rateLimitRejections: new Counter({
      name: 'gateway_rate_limit_rejections_total',
      help: 'Requests refused by a rate limit',
      labelNames: ['limit'],
      registers,
    }),
    operationRejections: new Counter({
      name: 'gateway_operation_rejections_total',
      help: 'Operations refused before execution',
      labelNames: ['reason'],
      registers,
    }),
    activeSubscriptions: new Gauge({
      name: 'gateway_active_subscriptions',
      help: 'Subscriptions open now',
      labelNames: ['transport'],
      registers,
    }),
    restLegacyRedirects: new Counter({
      name: 'gateway_rest_legacy_redirects_total',
      help: 'Requests to deprecated unprefixed REST paths, redirected to /api/v1',
      labelNames: ['resource'],
      registers,
    }),
  };
}
