import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { Logger } from '@flowgraph/kernel';
import type { GatewayContext } from '../../context';
import { MAX_OPERATION_LABELS, type GatewayMetrics } from '../../metrics';

export { serveMetrics } from './serve-metrics';
export { serverSpan } from './tracing';

export interface OperationTelemetryOptions {
  /** Where operations, latencies and error codes are recorded. Required. */
  metrics: GatewayMetrics;
  /** Used when a request has no child logger of its own. Required. */
  logger: Logger;
  /** Operations slower than this many ms get a warning line (`SLOW_OPERATION_MS`). Default 500. */
  slowOperationMs?: number;
  /** Distinct operation names kept as labels; later new names count as `other`. Default MAX_OPERATION_LABELS (500). */
  maxOperationLabels?: number;
}

type Finished = GraphQLRequestContextWillSendResponse<GatewayContext>;

/** Codes of the errors the client receives (after masking), or none for streamed responses. */
function errorCodes({ response }: Finished): string[] {
  if (response.body.kind !== 'single') return [];
  return (response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));
}

/**
 * Per GraphQL request: the operation counter and latency histogram by operation name, errors by
 * `extensions.code`, one log line (request and trace ids come from the request's child logger),
 * and a warning for slow operations.
 */
export function operationTelemetry(options: OperationTelemetryOptions): ApolloServerPlugin<GatewayContext> {
  const { metrics, logger } = options;
  const slowMs = options.slowOperationMs ?? 500;
  const maxLabels = options.maxOperationLabels ?? MAX_OPERATION_LABELS;
  // Names are client-chosen: an unbounded label set would grow the registry without limit.
  const known = new Set<string>();
  const label = (name: string): string => {
    if (known.has(name)) return name;
    if (known.size >= maxLabels) return 'other';
    known.add(name);
    return name;
  };
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(finished) {
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          const operation = label(finished.operationName ?? finished.request.operationName ?? 'anonymous');
          metrics.operations.inc({ operation, type: finished.operation?.operation ?? 'unknown' });
          metrics.operationDuration.observe({ operation }, ms / 1000);
          const codes = errorCodes(finished);
          for (const code of codes) metrics.errors.inc({ code });
          const log = contextValue.logger ?? logger;
          const rounded = Math.round(ms * 10) / 10;
          log.info({ operation: finished.operationName, ms: rounded, errors: codes.length }, 'graphql request');
          if (ms > slowMs)
            log.warn({ operation: finished.operationName ?? 'anonymous', ms: rounded, threshold_ms: slowMs }, 'slow operation');
        },
      };
    },
  };
}
