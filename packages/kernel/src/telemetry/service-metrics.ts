import type { MikroORM } from '@mikro-orm/postgresql';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { SQL_TIMER, type TimedConfig } from '../db/sql-timing';
import { startMetricsServer, type MetricsServer } from './metrics-server';

/**
 * A process's registry: every series carries `service` (`core`, `core-worker`, …) so one query
 * tells the processes apart however they are scraped. Process metrics (CPU, memory, event loop)
 * only when `defaultMetrics`: unread, their event-loop timer costs an idle process CPU.
 */
export function createProcessRegistry(service: string, options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // Event-loop delay sampled every 100 ms: prom-client's 10 ms timer alone cost ~1 % of a core.
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  return registry;
}

/** SQL statement durations; 0.1 s is a bucket edge, so statements over 100 ms are `_count - _bucket{le="0.1"}`. */
export const SQL_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `db_query_duration_seconds` on `registry`. */
export function sqlDurationHistogram(registry: Registry): Histogram {
  return new Histogram({
    name: 'db_query_duration_seconds',
    help: 'SQL statements sent to Postgres (each round trip: BEGIN, a query, COMMIT), by duration',
    buckets: SQL_DURATION_BUCKETS,
    registers: [registry],
  });
}

/**
 * Times every statement `orm` sends (its primary and its read replicas, inside transactions or
 * not) into `histogram`. The cost is one clock read on each side of the round trip.
 */
export function observeSqlDurations(orm: MikroORM, histogram: Histogram): void {
  const timer = (seconds: number) => histogram.observe(seconds);
  for (const type of ['write', 'read'] as const) {
    const config = orm.em.getConnection(type).getKnex().client.config as TimedConfig;
    config[SQL_TIMER] = timer;
  }
}

/** A subgraph server's metrics: what its HTTP port answered, its GraphQL operations and its SQL. */
export interface ServiceMetrics {
  registry: Registry;
  /** Seconds to answer, by route (`/graphql`, an internal route's pattern, `other`), method and status. */
  httpRequestDuration: Histogram<'route' | 'method' | 'status'>;
  /** Seconds from a GraphQL request's start to its response, by operation type. */
  operationDuration: Histogram<'type'>;
  /** Errors returned to the gateway, by `extensions.code`. */
  errors: Counter<'code'>;
  /** See `sqlDurationHistogram`. */
  sqlDuration: Histogram;
}

/** Latency buckets shared with the gateway's, so subgraph and gateway percentiles line up. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10];

export function createServiceMetrics(service: string, options: { defaultMetrics?: boolean } = {}): ServiceMetrics {
  const registry = createProcessRegistry(service, options);
  const registers = [registry];
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests answered, by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    operationDuration: new Histogram({
      name: 'subgraph_operation_duration_seconds',
      help: 'GraphQL operations answered by this subgraph, by type',
      labelNames: ['type'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    errors: new Counter({
      name: 'subgraph_errors_total',
      help: 'Errors returned to the gateway, by code',
      labelNames: ['code'],
      registers,
    }),
    sqlDuration: sqlDurationHistogram(registry),
  };
}

export interface ServedServiceMetrics {
  metrics: ServiceMetrics;
  server?: MetricsServer;
  close(): Promise<void>;
}

/**
 * A subgraph server process's metrics: every statement of `orms` timed, and the registry served
 * on `port` (METRICS_PORT) when given, with process metrics; unset, nothing listens.
 */
export async function startServiceMetrics(
  service: string,
  options: { orms: MikroORM[]; port?: number; host?: string },
): Promise<ServedServiceMetrics> {
  const metrics = createServiceMetrics(service, { defaultMetrics: options.port !== undefined });
  for (const orm of options.orms) observeSqlDurations(orm, metrics.sqlDuration);
  const server = options.port === undefined ? undefined : await startMetricsServer(metrics.registry, options.port, options.host);
  return { metrics, server, close: async () => server?.close() };
}
