import { z } from 'zod';
import { appDatabaseUrl, createLogger, createOrm, createRedis, loadConfig, runProcess } from '@flowgraph/kernel';
import { startCoreWorker } from './jobs/core-worker';
import { QUEUES, bullPrefix } from './jobs/queues';

/** The Core worker process: maintenance jobs on BullMQ, never inside a request. */
runProcess('core-worker', async () => {
  const config = loadConfig({ AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(365) });
  const logger = createLogger('core-worker', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities: [], poolMax: 2 });
  const connection = createRedis(config.REDIS_URL, { forWorkers: true });
  const running = await startCoreWorker({
    orm,
    connection,
    prefix: bullPrefix(config.REDIS_PREFIX),
    logger,
    auditKeepDays: config.AUDIT_RETENTION_DAYS,
  });
  logger.info({ queue: QUEUES.maintenance }, 'core worker started');
  return async () => {
    await running.close();
    await connection.quit();
    await orm.close();
  };
});
