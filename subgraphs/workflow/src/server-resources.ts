import { Queue } from 'bullmq';
import { RedisPubSub, createRedis, queueTelemetry, type Redis } from '@flowgraph/kernel';
import type { WorkflowConfig } from './config';
import { QUEUES, bullPrefix } from './jobs/queues';
import { ExecutionUpdates } from './modules/executions/execution-updates';
import { webhookSecretKeyring } from './modules/triggers/webhook-secret.cipher';
import type { WorkflowServerDeps } from './server';

type ResourceConfig = Pick<
  WorkflowConfig,
  | 'NODE_ENV'
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'SECRET_KEYS'
  | 'SECRET_KEY_CURRENT'
  | 'WEBHOOK_SECRET_KEY'
  | 'PUBLIC_URL'
  | 'WEBHOOK_RATE_LIMIT_PER_MINUTE'
>;

/**
 * The process-wide pieces the workflow subgraph's server needs besides its ORM: the BullMQ
 * queues, the webhook secrets' keyring and the execution-update pub/sub. One place builds them,
 * for the process (main.ts), the tests and the benches; `close()` releases them.
 */
export function createWorkflowServerResources(redis: Redis, config: ResourceConfig) {
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const triggersQueue = new Queue(QUEUES.triggers, { connection: redis, prefix, telemetry: queueTelemetry() });
  const executionQueue = new Queue(QUEUES.executions, { connection: redis, prefix, telemetry: queueTelemetry() });
  // A connection in subscriber mode can do nothing else: executionUpdated listens on its own.
  const subscriber = createRedis(config.REDIS_URL, { forWorkers: true });
  const triggers: WorkflowServerDeps['triggers'] = {
    triggersQueue,
    executionQueue,
    cipher: webhookSecretKeyring(config),
    publicUrl: config.PUBLIC_URL,
    rateLimit: { redis, redisPrefix: config.REDIS_PREFIX, perMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE },
  };
  const executions = { queue: executionQueue, updates: new ExecutionUpdates(new RedisPubSub(redis, subscriber), config.REDIS_PREFIX) };
  return {
    triggers,
    executions,
    async close() {
      await triggersQueue.close();
      await executionQueue.close();
      subscriber.disconnect();
    },
  };
}
