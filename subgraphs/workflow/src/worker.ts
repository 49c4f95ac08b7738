// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { AuditRelay, appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, startWorkerMetrics } from '@flowgraph/kernel';
import { loadWorkflowConfig } from './config';
import { entities } from './entities';
import { QUEUES, bullPrefix } from './jobs/queues';
import { startWorkers } from './workers';

/** The workflow worker process: executions and triggers on BullMQ, never inside a request. */
runProcess('workflow-worker', async () => {
  const config = loadWorkflowConfig();
  const logger = createLogger('workflow-worker', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const connection = createRedis(config.REDIS_URL, { forWorkers: true });
  const publisher = createRedis(config.REDIS_URL);
  const workers = await startWorkers({ orm, connection, publisher, logger, config });
  // Audit entries written with each change, on their way to Core's audit log.
  const auditRelay = new AuditRelay({ orm, schema: 'workflow', redis: publisher, redisPrefix: config.REDIS_PREFIX, logger });
  auditRelay.start();
  // Queue depth and age, read at scrape time, and SQL durations for Prometheus (METRICS_PORT; none when unset).
  const metrics = await startWorkerMetrics({
    service: 'workflow-worker',
    orm,
    queues: Object.values(QUEUES),
    connection: publisher,
    prefix: bullPrefix(config.REDIS_PREFIX),
    port: config.METRICS_PORT,
    host: config.METRICS_HOST,
  });
  logger.info({ concurrency: config.WORKFLOW_WORKER_CONCURRENCY }, 'workflow worker started');
  return async () => {
    await metrics.close();
    await auditRelay.stop();
    await workers.close();
    await connection.quit();
    await publisher.quit();
    await orm.close();
  };
});
