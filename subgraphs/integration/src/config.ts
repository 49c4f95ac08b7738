import { z } from 'zod';
import { listenShape, loadConfig, secretKeysShape, type BaseConfig } from '@flowgraph/kernel';
import type { Connector, RateLimitPolicy } from './modules/connectors/connector';
import { connectorRegistry } from './modules/connectors/registry';

/** `CONNECTOR_<ID>_<NAME>_URL`: overrides one of a connector's base URLs (tests, proxies, GitHub Enterprise). */
export const endpointVariable = (connector: Connector, name: string) => `CONNECTOR_${connector.id.toUpperCase()}_${name.toUpperCase()}_URL`;
/** `CONNECTOR_<ID>_CLIENT_ID` / `_CLIENT_SECRET`: the OAuth client registered with the provider. */
export const clientVariable = (connector: Connector, part: 'ID' | 'SECRET') => `CONNECTOR_${connector.id.toUpperCase()}_CLIENT_${part}`;

/** `CONNECTOR_<ID>_RATE_LIMIT=<requests>/<seconds>`: a connected account's budget, when the provider plan differs from the default. */
export const rateLimitVariable = (connector: Connector) => `CONNECTOR_${connector.id.toUpperCase()}_RATE_LIMIT`;
const rateLimitSetting = z
  .string()
  .regex(/^\d+\/\d+$/, 'Must be <requests>/<seconds>, e.g. 50/60')
  .transform((value) => {
    const [requests, perSeconds] = value.split('/').map(Number) as [number, number];
    return { requests, perSeconds };
  })
  .refine((policy) => policy.requests >= 1 && policy.perSeconds >= 1, 'Both numbers must be at least 1')
  .optional();

/** One optional setting per connector endpoint and OAuth client, derived from the registry. */
function connectorShape(): Record<string, z.ZodTypeAny> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const connector of connectorRegistry.values()) {
    shape[rateLimitVariable(connector)] = rateLimitSetting;
    for (const name of Object.keys(connector.endpoints)) shape[endpointVariable(connector, name)] = z.string().url().optional();
    if (connector.auth.kind === 'oauth2') {
      for (const name of ['AUTHORIZE', 'TOKEN', 'REVOKE']) shape[endpointVariable(connector, name)] = z.string().url().optional();
      shape[clientVariable(connector, 'ID')] = z.string().min(1).optional();
      shape[clientVariable(connector, 'SECRET')] = z.string().min(1).optional();
    }
  }
  return shape;
}

/** Settings of the integration processes, beyond the kernel's base settings (docs/operations.md lists them). */
export const integrationConfigShape = {
  ...listenShape(4003),
  /** SECRET_KEYS and SECRET_KEY_CURRENT: the keys connector credentials are encrypted with at rest. */
  ...secretKeysShape,
  /** Core's origin, for its internal endpoints (webhook deliveries and health changes become events there). */
  CORE_ORIGIN: z.string().url().default('http://127.0.0.1:4001'),
  /** Public origin of the gateway: OAuth redirect URIs and provider webhook URLs start with it. */
  PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  /** Where the browser lands after an OAuth connection completes (or fails). */
  WEB_APP_URL: z.string().url().default('http://localhost:5173'),
  /**
   * Comma-separated hosts (names or IPs) the generic HTTP connector may reach even when they
   * resolve to a private, loopback, link-local or metadata address. Empty: only public addresses.
   */
  INTEGRATION_HTTP_ALLOWED_HOSTS: z.string().default(''),
  /** Worker: when every connected integration is checked (a cron pattern, UTC). Default: every 5 minutes. */
  INTEGRATION_HEALTH_SCHEDULE: z.string().min(9).default('*/5 * * * *'),
  /** A health check not answered within this is an outage. */
  INTEGRATION_HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** A health check answered slower than this leaves the integration degraded. */
  INTEGRATION_HEALTH_SLOW_MS: z.coerce.number().int().min(50).max(120_000).default(5_000),
  /** Consecutive outages after which a degraded integration is failing. */
  INTEGRATION_HEALTH_FAILING_AFTER: z.coerce.number().int().min(1).max(100).default(3),
  /** Checks kept per integration in its history; older ones are pruned as new ones are recorded. */
  INTEGRATION_HEALTH_HISTORY: z.coerce.number().int().min(1).max(1000).default(20),
  /** Integrations checked at once by one worker. */
  INTEGRATION_HEALTH_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  /** Days health checks are kept at most (daily purge), whatever INTEGRATION_HEALTH_HISTORY keeps. */
  INTEGRATION_HEALTH_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Days connector action calls (the idempotency ledger) are kept (daily purge); a step retried later runs again. */
  ACTION_CALLS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
};

/** The known settings, plus the connector variables derived from the registry (read by name). */
export type IntegrationConfig = BaseConfig & z.infer<z.ZodObject<typeof integrationConfigShape>> & { readonly [variable: string]: unknown };

export function loadIntegrationConfig(env: NodeJS.ProcessEnv = process.env): IntegrationConfig {
  return loadConfig({ ...integrationConfigShape, ...connectorShape() }, env);
}

/** A connector's base URLs: the production defaults, each overridable by its variable. */
export function resolveEndpoints(connector: Connector, config: Record<string, unknown>): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const [name, url] of Object.entries(connector.endpoints)) {
    const override = config[endpointVariable(connector, name)];
    endpoints[name] = typeof override === 'string' ? override : url;
  }
  return endpoints;
}

/** A connector's per-account rate limit: its default, or the operator's override. */
export function resolveRateLimit(connector: Connector, config: Record<string, unknown>): RateLimitPolicy {
  return (config[rateLimitVariable(connector)] as RateLimitPolicy | undefined) ?? connector.rateLimit;
}
