import { z } from 'zod';
import { telemetryShape } from './telemetry/config';

/** How a process stops (runProcess, docs/operations.md "Stopping and rolling restarts"). */
export const shutdownShape = {
  /**
   * How long a process may take to stop after SIGTERM/SIGINT before it gives up and exits 1
   * (runProcess). Orchestrators must wait longer (k8s terminationGracePeriodSeconds).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(1000).max(600_000).default(25_000),
  /**
   * How long a stopping process keeps serving with /readyz answering 503 before it stops
   * accepting connections, so load balancers take it out first. Default 0 (npm start); part of the grace period.
   */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(0),
};

/**
 * The settings every Flowgraph process shares. Each comes from the environment and has a safe
 * local default; secrets have development defaults that are refused when NODE_ENV=production.
 */
const DEV_SECRET = 'flowgraph-dev-secret-change-me-0123456789';

export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Owner connection: runs migrations. */
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/flowgraph'),
  /** Services connect as this non-superuser role so row-level security applies. */
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('flowgraph_app'),
  DATABASE_APP_PASSWORD: z.string().min(8).default('flowgraph-app-dev'),
  /**
   * Full URL services connect with, when it should differ from DATABASE_URL with the app role's
   * credentials (for example, another host or pooler). Services then never see the owner's password.
   */
  DATABASE_APP_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix for every Redis key and queue, so several installs (or test files) share one Redis. */
  REDIS_PREFIX: z.string().default('fg'),
  /** HMAC key the gateway signs forwarded identities with; subgraphs verify it. */
  IDENTITY_SECRET: z.string().min(32).default(DEV_SECRET),
  /** Key for access tokens (HS256), shared by Core (issues) and the gateway (verifies). */
  JWT_SECRET: z.string().min(32).default(DEV_SECRET),
  /** OTLP endpoint, sampling, Sentry DSN, METRICS_PORT: see telemetry/config.ts. */
  ...telemetryShape,
  /** SHUTDOWN_GRACE_MS, SHUTDOWN_DELAY_MS: see shutdownShape. */
  ...shutdownShape,
};

export const baseConfigSchema = z.object(baseConfigShape);
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export class ConfigError extends Error {}

/**
 * Parses `env` with the base shape plus a package's own `extra` shape. Throws one readable
 * ConfigError naming every bad variable.
 */
export function loadConfig<E extends z.ZodRawShape = Record<string, never>>(
  extra: E = {} as E,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig & z.infer<z.ZodObject<E>> {
  const schema = baseConfigSchema.extend(extra);
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const config = parsed.data as BaseConfig & z.infer<z.ZodObject<E>>;
  if (config.NODE_ENV === 'production') {
    for (const key of ['IDENTITY_SECRET', 'JWT_SECRET'] as const) {
      if (config[key] === DEV_SECRET) throw new ConfigError(`${key} must be set in production`);
    }
  }
  return config;
}

/** The URL services use: DATABASE_APP_URL, else the owner URL with the application role's credentials. */
export function appDatabaseUrl(
  config: Pick<BaseConfig, 'DATABASE_URL' | 'DATABASE_APP_ROLE' | 'DATABASE_APP_PASSWORD'> & { DATABASE_APP_URL?: string },
): string {
  if (config.DATABASE_APP_URL) return config.DATABASE_APP_URL;
  const url = new URL(config.DATABASE_URL);
  url.username = config.DATABASE_APP_ROLE;
  url.password = config.DATABASE_APP_PASSWORD;
  return url.toString();
}
