import { join } from 'node:path';
import { z } from 'zod';
import { listenShape, loadConfig } from '@flowgraph/kernel';
import { consentLabel, policyVersionsOf, policyVersionsShape } from '@flowgraph/contracts';
import { defaultSubgraphUrls, supergraphPath, type SubgraphName } from '@flowgraph/supergraph';
import { repositoryRoot } from './root';

const gatewayShape = {
  ...listenShape(4000),
  CORE_URL: z.string().url().default(defaultSubgraphUrls.core),
  WORKFLOW_URL: z.string().url().default(defaultSubgraphUrls.workflow),
  INTEGRATION_URL: z.string().url().default(defaultSubgraphUrls.integration),
  ANALYTICS_URL: z.string().url().default(defaultSubgraphUrls.analytics),
  /** Where Core's internal endpoints live. Default: the origin of CORE_URL. */
  CORE_ORIGIN: z.string().url().optional(),
  /**
   * Largest request body. Default 17mb: `ingestEvents` accepts 1,000 events of up to 16 KiB each.
   */
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/)
    .default('17mb'),
  /**
   * Express `trust proxy`: how many proxy hops to trust for the client IP (X-Forwarded-For).
   * Default 0: the socket address, right when clients connect directly.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The composed supergraph to serve. Default: gateway/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().optional(),
  /** Protection (plugins/rate-limit): requests a minute per client IP. Default 600; 0 disables. */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Requests a minute per signed-in user. Default 1200; 0 disables. */
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Requests a minute per API key. Default 1200; 0 disables. */
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Operations a minute per caller and operation name. Default 300; 0 disables. */
  RATE_LIMIT_OPERATION_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  /** Operation limits (plugins/operation-limits); 0 disables one. Depth default 12. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(0).default(12),
  /** Aliases per operation. Default 30. */
  MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  /** Directives per operation. Default 50. */
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  /** Lexical tokens per document. Default 2000. */
  MAX_TOKENS: z.coerce.number().int().min(0).default(2000),
  /** Static cost per operation (@cost/@listSize weights). Default 5000. */
  MAX_QUERY_COST: z.coerce.number().int().min(0).default(5000),
  /** Operations per batched HTTP request; 1 turns batching off. Default 10. */
  MAX_BATCH_OPERATIONS: z.coerce.number().int().min(1).max(100).default(10),
  /** Browser origins allowed by CORS, comma-separated, no `*` (credentials). Default http://localhost:5173. */
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:5173')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine((origins) => !origins.includes('*'), 'must list origins: "*" cannot be used with credentials'),
  /** Serve introspection: `true`/`false`. Default: on except when NODE_ENV=production. */
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).optional(),
  /** Operations slower than this many ms are logged as a warning (plugins/telemetry). Default 500. */
  SLOW_OPERATION_MS: z.coerce.number().int().min(0).default(500),
  /** Lifetime of an automatic persisted query in Redis, in seconds. Default 86400 (24 h). */
  APQ_TTL_SECONDS: z.coerce.number().int().min(1).default(86_400),
  /**
   * Trusted documents for API keys bound to a client: `off`, `log` (run, warn, count) or `enforce`
   * (refuse). Default: `enforce` when NODE_ENV=production, else `log`.
   */
  TRUSTED_DOCUMENTS_MODE: z.enum(['off', 'log', 'enforce']).optional(),
  /** Folder of client manifests (`<client>/persisted-documents.json`). Default: `clients/` at the repository root. */
  TRUSTED_DOCUMENTS_DIR: z.string().optional(),
  /** The built web app (`npm run build -w web`) served on every path no API route takes. Default: `web/dist` at the repository root; `off` serves none. */
  WEB_APP_DIR: z.string().optional(),
  /** How often manifests are checked for changes, in ms. Default 2000; 0 loads them once at start. */
  TRUSTED_DOCUMENTS_RELOAD_MS: z.coerce.number().int().min(0).default(2_000),
  /** Subscriptions (WebSocket and SSE, see plugins/subscriptions). Subscriptions open at once on one WebSocket. Default 20. */
  SUBSCRIPTIONS_MAX_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
  /** Subscriptions open at once per user (or API key) on one gateway replica. Default 100. */
  SUBSCRIPTIONS_MAX_PER_USER: z.coerce.number().int().min(1).default(100),
  /** WebSocket connections per replica; more are closed with 4429. Default 0: no limit. */
  SUBSCRIPTIONS_MAX_CONNECTIONS: z.coerce.number().int().min(0).default(0),
  /** Server ping interval; a socket that misses a pong is terminated. Default 15000 ms. */
  SUBSCRIPTIONS_HEARTBEAT_MS: z.coerce.number().int().min(0).default(15_000),
  /** Unsent bytes a subscriber may hold before it is dropped (WebSocket 1013). Default 1 MiB. */
  SUBSCRIPTIONS_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Events one subscription may have waiting to be sent before its client is dropped. Default 100. */
  SUBSCRIPTIONS_MAX_QUEUED_EVENTS: z.coerce.number().int().min(1).default(100),
  /** How often open WebSocket connections' credentials are checked again (expiry, logout, revoked key → 4403). Default 60000 ms; 0: never. */
  SUBSCRIPTIONS_REAUTH_MS: z.coerce.number().int().min(0).default(60_000),
  /** Caching (plugins/response-cache): cache query responses in Redis per their cache hints. Default true. */
  RESPONSE_CACHE_ENABLED: z.stringbool().default(true),
  /** Longest a response is cached (and the largest max-age announced), in seconds. Default 60. */
  RESPONSE_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Memory for cached query plans (plugins/query-plan-cache), in MiB. Default 30. */
  QUERY_PLAN_CACHE_MAX_MIB: z.coerce.number().min(1).max(4096).default(30),
  /** The privacy policy and terms in force, as Core has them (plugins/policy-consent). Both unset: none published. */
  ...policyVersionsShape,
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** Settings of the gateway process: the kernel's shared ones plus subgraph locations. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewayShape, env);
  const subgraphUrls: Record<SubgraphName, string> = {
    core: config.CORE_URL,
    workflow: config.WORKFLOW_URL,
    integration: config.INTEGRATION_URL,
    analytics: config.ANALYTICS_URL,
  };
  return {
    ...config,
    subgraphUrls,
    coreOrigin: config.CORE_ORIGIN ?? new URL(config.CORE_URL).origin,
    supergraphPath: config.SUPERGRAPH_PATH ?? supergraphPath(repositoryRoot()),
    trustedDocumentsMode: config.TRUSTED_DOCUMENTS_MODE ?? (config.NODE_ENV === 'production' ? 'enforce' : 'log'),
    trustedDocumentsDir: config.TRUSTED_DOCUMENTS_DIR ?? join(repositoryRoot(), 'clients'),
    webAppDir: config.WEB_APP_DIR === 'off' ? undefined : (config.WEB_APP_DIR ?? join(repositoryRoot(), 'web', 'dist')),
    /** The access-token label of the policy versions in force; undefined when none are published. */
    currentConsent: ((versions) => versions && consentLabel(versions))(policyVersionsOf(config)),
  };
}
