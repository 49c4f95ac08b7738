/**
 * `@flowgraph/kernel/telemetry`: what a process's preload (`instrument.ts`) needs, and nothing
 * that loads instrumented modules (pg, ioredis, express, graphql) before the SDK patches them.
 */
export { startTelemetry, defaultServiceName, type RunningTelemetry, type TelemetryOptions } from './start-telemetry';
export { telemetryShape, loadTelemetryConfig, type TelemetryConfig } from './config';
