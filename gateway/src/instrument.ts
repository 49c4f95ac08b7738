/**
 * Imported first by this package's process entries: OpenTelemetry patches only modules loaded
 * after it starts (http, express, pg, ioredis, graphql). See packages/kernel/src/telemetry.
 */
import { defaultServiceName, startTelemetry } from '@flowgraph/kernel/telemetry';

startTelemetry(defaultServiceName('gateway'));
