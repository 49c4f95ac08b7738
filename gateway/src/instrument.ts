/**
 * Imported first by this package's process entries: OpenTelemetry patches only modules loaded
 * after it starts. See packages/kernel/src/telemetry.
 */
import { defaultServiceName, startTelemetry } from '@flowgraph/kernel/telemetry';
import { GATEWAY_TELEMETRY } from './plugins/telemetry/tracing';

// The gateway makes its own spans (a server span per request, a client span per subgraph call):
// the http/express/graphql/ioredis/undici instrumentations and @apollo/gateway's five spans per
// operation plus one per fetch cost it over a third of its CPU per request (docs/decisions/0016).
startTelemetry(defaultServiceName('gateway'), GATEWAY_TELEMETRY);
