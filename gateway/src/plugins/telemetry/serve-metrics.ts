import { startMetricsServer, type MetricsServer } from '@flowgraph/kernel';
import type { GatewayMetrics } from '../../metrics';

export interface ServeMetricsOptions {
  /** `METRICS_PORT`; undefined: no listener. */
  port?: number;
  /** `METRICS_HOST`. Default 127.0.0.1. */
  host?: string;
}

/**
 * `GET /metrics` with the gateway's registry on its own port, never on the public one (the
 * ingress routes every path of the public port to the gateway). Undefined when no port is set.
 */
export async function serveMetrics(metrics: GatewayMetrics, options: ServeMetricsOptions): Promise<MetricsServer | undefined> {
  if (options.port === undefined) return undefined;
  return startMetricsServer(metrics.registry, options.port, options.host ?? '127.0.0.1');
}
