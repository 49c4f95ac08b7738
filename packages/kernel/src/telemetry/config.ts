import { z } from 'zod';

/** `VAR=` (empty, as .env files and compose write it) means unset, not an invalid value or port 0. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

/**
 * Telemetry settings every process shares (part of the kernel's base config). The names are the
 * standard OpenTelemetry/Sentry ones, so operators' habits and tooling carry over.
 */
export const telemetryShape = {
  /**
   * OTLP/HTTP collector base URL (traces go to `<url>/v1/traces`). Default: unset, nothing is
   * exported; spans still exist, so trace ids reach logs and downstream services.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: unsetIfEmpty(z.string().url().optional()),
  /** Share of new traces recorded (0..1); a sampled parent is always followed. Default 1. */
  OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
  /** Sentry DSN. Default: unset, Sentry is neither initialised nor sent anything. */
  SENTRY_DSN: unsetIfEmpty(z.string().url().optional()),
  /** Sentry environment tag. Default: NODE_ENV. */
  SENTRY_ENVIRONMENT: z.string().optional(),
  /**
   * Port of the process's Prometheus `/metrics` listener (on HOST), apart from the public port so
   * an ingress never exposes it. Default: unset, no listener (several processes share a host locally).
   */
  METRICS_PORT: unsetIfEmpty(z.coerce.number().int().min(0).max(65535).optional()),
  /** Address the `/metrics` listener binds. Default 127.0.0.1; containers set 0.0.0.0 for the scraper. */
  METRICS_HOST: z.string().default('127.0.0.1'),
};

const telemetrySchema = z.object({ ...telemetryShape, NODE_ENV: z.string().default('development') });
export type TelemetryConfig = z.infer<typeof telemetrySchema>;

/** Reads the telemetry settings alone: the preload runs before a process loads its full config. */
export function loadTelemetryConfig(env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  return telemetrySchema.parse(env);
}
