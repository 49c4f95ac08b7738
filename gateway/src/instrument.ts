/**
 * Imported first by this package's process entries: OpenTelemetry patches only modules loaded
 * after it starts. See packages/kernel/src/telemetry.
 */
import { defaultServiceName, startTelemetry } from '@flowgraph/kernel/telemetry';

// The gateway's part of a trace: its server span and a client span per subgraph call (http; undici
// for fetch), plus @apollo/gateway's own plan and fetch spans. Express, graphql and ioredis
// instrumentation cost about a third of the gateway's CPU per request (docs/decisions/0016) and
// add nothing a subgraph's spans do not show.
startTelemetry(defaultServiceName('gateway'), { instrument: ['http', 'undici'] });
