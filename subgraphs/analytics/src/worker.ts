// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { eventStreamKey } from '@flowgraph/contracts';
import {
  AuditRelay,
  RedisPubSub,
  appDatabaseUrl,
  createLogger,
  createOrm,
  createRedis,
  runProcess,
  startWorkerMetrics,
} from '@flowgraph/kernel';
import { loadAnalyticsConfig } from './config';
import { entities } from './entities';
import { QUEUES, bullPrefix } from './jobs/queues';
import { ANALYTICS_CONSUMER_GROUP } from './modules/event-copy/event-stream';
import { createDailyAggregatesJob } from './modules/reporting/daily-aggregates.job';
import { platformFigureGauges } from './modules/reporting/platform-figures.metrics';
import { WorkflowActivityClient } from './modules/reporting/workflow-activity.client';
import { SuggestionFeed } from './modules/suggestions/suggestion-feed';
import { createSuggestionListener, suggestionSettings } from './modules/suggestions/suggestion-offers';
import { WorkflowClient } from './modules/suggestions/workflow-client';
import { startWorkers } from './workers';

/**
 * The analytics worker process: the event copy with near-real-time patterns and suggestions,
 * the nightly mining and the daily report aggregates.
 */
runProcess('analytics-worker', async () => {
  const config = loadAnalyticsConfig();
  const logger = createLogger('analytics-worker', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const connection = createRedis(config.REDIS_URL, { forWorkers: true });
  const redis = createRedis(config.REDIS_URL);
  const workflow = { origin: config.WORKFLOW_ORIGIN, identitySecret: config.IDENTITY_SECRET };
  const patternListener = createSuggestionListener({
    workflow: new WorkflowClient(workflow),
    // Publishes only: the subscribers are the analytics servers' graphql-ws connections.
    feed: new SuggestionFeed(new RedisPubSub(redis), config.REDIS_PREFIX),
    logger,
    ...suggestionSettings(config),
  });
  const dailyAggregates = createDailyAggregatesJob({
    orm,
    logger,
    eventRetentionDays: config.ANALYTICS_EVENT_RETENTION_DAYS,
    workflow: new WorkflowActivityClient(workflow),
  });
  const workers = await startWorkers({ orm, connection, redis, logger, config, patternListener, jobs: [dailyAggregates] });
  // Audit entries written with each change, on their way to Core's audit log.
  const auditRelay = new AuditRelay({ orm, schema: 'analytics', redis, redisPrefix: config.REDIS_PREFIX, logger });
  auditRelay.start();
  // Queue depth and age, read at scrape time, and SQL durations for Prometheus (METRICS_PORT; none when unset).
  const metrics = await startWorkerMetrics({
    service: 'analytics-worker',
    orm,
    queues: Object.values(QUEUES),
    streams: [{ key: eventStreamKey(config.REDIS_PREFIX), group: ANALYTICS_CONSUMER_GROUP }],
    connection: redis,
    prefix: bullPrefix(config.REDIS_PREFIX),
    port: config.METRICS_PORT,
    host: config.METRICS_HOST,
    gauges: platformFigureGauges(orm),
  });
  logger.info('analytics worker started');
  return async () => {
    await metrics.close();
    await auditRelay.stop();
    await workers.close();
    await connection.quit();
    await redis.quit();
    await orm.close();
  };
});
