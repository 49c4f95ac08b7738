/**
 * How the gateway's process starts telemetry, on its own: a test process imports it before it
 * starts the SDK, which patches only the modules loaded after it (the `testing` entry loads them all).
 */
export { GATEWAY_TELEMETRY } from '../plugins/telemetry/tracing';
