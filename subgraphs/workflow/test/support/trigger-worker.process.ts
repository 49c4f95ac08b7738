/**
 * A real worker process for tests: the trigger workers only (cron ticks, reconcile, event
 * consumer), configured from the environment like `src/worker.ts`. Prints "ready" once started;
 * SIGTERM closes it cleanly. Run with `node --import tsx`.
 */
import { Queue } from 'bullmq';
import { appDatabaseUrl, createLogger, createOrm, createRedis, runProcess } from '@flowgraph/kernel';
import { loadWorkflowConfig } from '../../src/config';
import { entities } from '../../src/entities';
import { QUEUES, bullPrefix } from '../../src/jobs/queues';
import { startTriggersWorker } from '../../src/modules/triggers/triggers.worker';
import { webhookSecretKeyring } from '../../src/modules/triggers/webhook-secret.cipher';

runProcess('trigger-worker', async () => {
  const config = loadWorkflowConfig();
  const logger = createLogger('trigger-worker', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: 4 });
  const connection = createRedis(config.REDIS_URL, { forWorkers: true });
  const executionQueue = new Queue(QUEUES.executions, { connection, prefix: bullPrefix(config.REDIS_PREFIX) });
  const keyring = webhookSecretKeyring(config);
  const running = await startTriggersWorker({ orm, connection, redisPrefix: config.REDIS_PREFIX, logger, executionQueue, keyring });
  process.stdout.write('ready\n');
  return async () => {
    await running.close();
    await executionQueue.close();
    await connection.quit();
    await orm.close();
  };
});
