/**
 * A child process for the telemetry tests (run with `node --import tsx`): starts telemetry FIRST
 * (instrumentation patches only modules loaded after it), then a federation and a BullMQ worker,
 * runs the scenario named by argv[2], and prints one `RESULT <json>` line with the finished
 * spans. Log lines (TEST_LOG=info) go to stdout too, one JSON object each.
 */
import { startTelemetry } from '@flowgraph/kernel/telemetry';
import { GATEWAY_TELEMETRY } from '@flowgraph/gateway/testing/telemetry';

// TELEMETRY_AS_GATEWAY=1: as the gateway's process starts it (its own spans only). Otherwise as the
// subgraphs' and workers' processes start it, less undici: in this one process it would also
// instrument the gateway's subgraph calls, which carry the gateway's own client spans.
const options =
  process.env.TELEMETRY_AS_GATEWAY === '1' ? GATEWAY_TELEMETRY : { instrument: ['http', 'express', 'pg', 'ioredis', 'graphql'] as const };
const telemetry = startTelemetry('flowgraph-test', { inMemorySpans: process.env.TELEMETRY_IN_MEMORY === '1', ...options });

// Required only now, after the SDK patched http, express, pg, ioredis and graphql.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runScenario } = require('./telemetry-scenario') as typeof import('./telemetry-scenario');

runScenario(process.argv[2] ?? 'traces', telemetry).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`scenario failed: ${(error as Error).stack}\n`);
    process.exit(1);
  },
);
