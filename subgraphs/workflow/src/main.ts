import { Queue } from 'bullmq';
import { RedisPubSub, appDatabaseUrl, createLogger, createOrm, createRedis, runProcess } from '@flowgraph/kernel';
import { loadWorkflowConfig } from './config';
import { entities } from './entities';
import { QUEUES, bullPrefix } from './jobs/queues';
import { ExecutionUpdates } from './modules/executions/execution-updates';
import { WebhookSecretCipher } from './modules/triggers/webhook-secret.cipher';
import { startWorkflowServer } from './server';

runProcess('workflow', async () => {
  const config = loadWorkflowConfig();
  const logger = createLogger('workflow', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL);
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const triggersQueue = new Queue(QUEUES.triggers, { connection: redis, prefix });
  const executionQueue = new Queue(QUEUES.executions, { connection: redis, prefix });
  const triggers = {
    triggersQueue,
    executionQueue,
    cipher: new WebhookSecretCipher(config.WEBHOOK_SECRET_KEY),
    publicUrl: config.PUBLIC_URL,
    rateLimit: { redis, redisPrefix: config.REDIS_PREFIX, perMinute: config.WEBHOOK_RATE_LIMIT_PER_MINUTE },
  };
  // A connection in subscriber mode can do nothing else: executionUpdated listens on its own.
  const subscriber = createRedis(config.REDIS_URL, { forWorkers: true });
  const executions = { queue: executionQueue, updates: new ExecutionUpdates(new RedisPubSub(redis, subscriber), config.REDIS_PREFIX) };
  const server = await startWorkflowServer({ orm, logger, identitySecret: config.IDENTITY_SECRET, triggers, executions }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await triggersQueue.close();
    await executionQueue.close();
    redis.disconnect();
    subscriber.disconnect();
    await orm.close();
  };
});
