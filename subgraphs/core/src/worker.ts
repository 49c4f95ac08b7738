// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { z } from 'zod';
import {
  appDatabaseUrl,
  auditStreamKey,
  createLogger,
  createOrm,
  createRedis,
  loadConfig,
  runProcess,
  startWorkerMetrics,
} from '@flowgraph/kernel';
import { QUEUES, bullPrefix } from './jobs/queues';
import { AUDIT_LOG_GROUP } from './modules/audit/audit-stream.consumer';
import { subjectClients } from './modules/data-subject/subject-clients';
import { startWorkers } from './workers';

/** The Core worker process: maintenance jobs on BullMQ, never inside a request. */
runProcess('core-worker', async () => {
  const config = loadConfig({
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(365),
    /** How often the event relay reads an empty outbox anyway: new events wake it at once (LISTEN/NOTIFY). */
    EVENT_RELAY_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
    EVENT_RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
    /** Approximate length the event stream is trimmed to (XTRIM MAXLEN ~ after each round). */
    EVENT_STREAM_MAXLEN: z.coerce.number().int().min(1000).default(100_000),
    /** The other subgraphs' origins, for data-subject requests (their internal routes). */
    WORKFLOW_ORIGIN: z.string().url().default('http://127.0.0.1:4002'),
    INTEGRATION_ORIGIN: z.string().url().default('http://127.0.0.1:4003'),
    ANALYTICS_ORIGIN: z.string().url().default('http://127.0.0.1:4004'),
  });
  const logger = createLogger('core-worker', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities: [], poolMax: 2 });
  const connection = createRedis(config.REDIS_URL, { forWorkers: true });
  const redis = createRedis(config.REDIS_URL);
  const running = await startWorkers({
    orm,
    connection,
    prefix: bullPrefix(config.REDIS_PREFIX),
    logger,
    auditKeepDays: config.AUDIT_RETENTION_DAYS,
    eventRelay: {
      redis,
      redisPrefix: config.REDIS_PREFIX,
      intervalMs: config.EVENT_RELAY_INTERVAL_MS,
      batchSize: config.EVENT_RELAY_BATCH_SIZE,
      maxLength: config.EVENT_STREAM_MAXLEN,
    },
    auditStream: { redis, redisPrefix: config.REDIS_PREFIX },
    dataSubject: {
      redis,
      redisPrefix: config.REDIS_PREFIX,
      clients: subjectClients(
        { workflow: config.WORKFLOW_ORIGIN, integration: config.INTEGRATION_ORIGIN, analytics: config.ANALYTICS_ORIGIN },
        config.IDENTITY_SECRET,
      ),
    },
  });
  // Queue depth and age, the audit stream's lag, read at scrape time, and SQL durations for Prometheus (METRICS_PORT; none when unset).
  const metrics = await startWorkerMetrics({
    service: 'core-worker',
    orm,
    queues: Object.values(QUEUES),
    // The other subgraphs' audit entries not yet stored in Core's audit log.
    streams: [{ key: auditStreamKey(config.REDIS_PREFIX), group: AUDIT_LOG_GROUP }],
    connection: redis,
    prefix: bullPrefix(config.REDIS_PREFIX),
    port: config.METRICS_PORT,
    host: config.METRICS_HOST,
  });
  logger.info({ queue: QUEUES.maintenance }, 'core worker started');
  return async () => {
    await metrics.close();
    await running.close();
    await connection.quit();
    await redis.quit();
    await orm.close();
  };
});
