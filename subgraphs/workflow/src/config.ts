import { z } from 'zod';
import { ConfigError, listenShape, loadConfig, secretKeysShape } from '@flowgraph/kernel';
import { webhookSecretKeyring } from './modules/triggers/webhook-secret.cipher';

const DEV_WEBHOOK_SECRET_KEY = 'flowgraph-dev-webhook-key-change-me-0123456789';

/**
 * Settings of the workflow processes (server and worker), beyond the kernel's base settings.
 * Each has a safe local default; docs/operations.md lists them.
 */
export const workflowConfigShape = {
  ...listenShape(4002),
  /** Core's origin, for its internal endpoints (the notify step records events there). */
  CORE_ORIGIN: z.string().url().default('http://127.0.0.1:4001'),
  /** Integration's origin, for its internal endpoints (connector_action steps run connector actions there). */
  INTEGRATION_ORIGIN: z.string().url().default('http://127.0.0.1:4003'),
  /** Public origin of the gateway; webhook URLs shown in the API start with it. */
  PUBLIC_URL: z.string().url().default('http://localhost:4000'),
  /**
   * Comma-separated hosts (or IPs) the http_request step may call even when they resolve to a
   * private, loopback, link-local or metadata address. Empty: only public addresses.
   */
  WORKFLOW_HTTP_ALLOWED_HOSTS: z.string().default(''),
  /** Executions one worker process runs at the same time. */
  WORKFLOW_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /** How long (ms) a running execution's job lock lasts between renewals; a dead worker's job is stalled after it. */
  WORKFLOW_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often (ms) a worker checks for executions whose worker died (BullMQ stalled interval). */
  WORKFLOW_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  /** How many times a stalled execution is resumed before it is marked failed. */
  WORKFLOW_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(100).default(2),
  /**
   * How long (ms) a step waits for a dependency it cannot reach (Core, an http_request's host:
   * refused connection, 502/503/504, or Core timing out) before it fails. Waits do not spend the
   * step's retry attempts. Default 15 minutes: much longer than a restart or a failover.
   */
  WORKFLOW_DEPENDENCY_WAIT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(15 * 60_000),
  /** The longest pause (ms) between two tries of an unreachable dependency (backoff with full jitter grows up to it). */
  WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS: z.coerce.number().int().min(100).default(30_000),
  /** How often (ms) the sweeper enqueues executions left `queued` without a job, and resumes `running` ones whose job is gone. */
  WORKFLOW_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  /**
   * How long (ms) an event-stream entry stays pending (its handling failed, or its consumer died)
   * before another consumer claims it, and how often (ms) such entries are looked for.
   */
  WORKFLOW_EVENT_CLAIM_IDLE_MS: z.coerce.number().int().min(1000).default(60_000),
  WORKFLOW_EVENT_CLAIM_EVERY_MS: z.coerce.number().int().min(500).default(15_000),
  /** SECRET_KEYS and SECRET_KEY_CURRENT: the keys webhook signing secrets are encrypted with at rest (kernel SecretKeyring). */
  ...secretKeysShape,
  /**
   * The master key webhook signing secrets were encrypted with before SECRET_KEYS (AES-256-GCM, key
   * derived with HKDF): still read for secrets not yet re-encrypted under SECRET_KEYS' current key.
   * The development default is refused when NODE_ENV=production.
   */
  WEBHOOK_SECRET_KEY: z.string().min(32).default(DEV_WEBHOOK_SECRET_KEY),
  /** Signed deliveries accepted per webhook trigger per minute; more get 429. */
  WEBHOOK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
};

export type WorkflowConfig = ReturnType<typeof loadWorkflowConfig>;

export function loadWorkflowConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(workflowConfigShape, env);
  if (config.NODE_ENV === 'production' && config.WEBHOOK_SECRET_KEY === DEV_WEBHOOK_SECRET_KEY) {
    throw new ConfigError('WEBHOOK_SECRET_KEY must be set in production');
  }
  // Refuses, at start, development or unclear keys.
  webhookSecretKeyring(config);
  return config;
}
