// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RedisPubSub, appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, startServiceMetrics } from '@flowgraph/kernel';
import { loadAnalyticsConfig } from './config';
import { entities } from './entities';
import { OrganizationAggregates } from './modules/reporting/organization-aggregates';
import { startReadReplica } from './modules/reporting/read-replica';
import { WorkflowActivityClient } from './modules/reporting/workflow-activity.client';
import { SuggestionFeed } from './modules/suggestions/suggestion-feed';
import { WorkflowClient } from './modules/suggestions/workflow-client';
import { startAnalyticsServer } from './server';

runProcess('analytics', async () => {
  const config = loadAnalyticsConfig();
  const logger = createLogger('analytics', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  // Requests, operations, SQL (the replica's too) and db_replica_* for Prometheus on METRICS_PORT (none when unset).
  const served = await startServiceMetrics('analytics', { orms: [orm], port: config.METRICS_PORT, host: config.METRICS_HOST });
  // Reports read the replica when one is configured (DATABASE_REPLICA_URL, the app role's credentials).
  const replica = await startReadReplica(config, { entities, logger, metrics: served.metrics });
  const redis = createRedis(config.REDIS_URL);
  // A connection in subscriber mode can do nothing else: suggestionAdded listens on its own.
  const subscriber = createRedis(config.REDIS_URL, { forWorkers: true });
  const workflow = { origin: config.WORKFLOW_ORIGIN, identitySecret: config.IDENTITY_SECRET };
  const suggestions = {
    workflow: new WorkflowClient(workflow),
    feed: new SuggestionFeed(new RedisPubSub(redis, subscriber), config.REDIS_PREFIX),
  };
  // An admin's report refresh computes on the primary, as the nightly job does.
  const aggregates = new OrganizationAggregates({
    root: orm.em as EntityManager,
    workflow: new WorkflowActivityClient(workflow),
    eventRetentionDays: config.ANALYTICS_EVENT_RETENTION_DAYS,
  });
  const server = await startAnalyticsServer(
    {
      orm,
      logger,
      identitySecret: config.IDENTITY_SECRET,
      modules: { suggestions, reporting: { replica, aggregates } },
      metrics: served.metrics,
    },
    config.PORT,
    config.HOST,
  );
  return async () => {
    await server.stop();
    await served.close();
    subscriber.disconnect();
    redis.disconnect();
    await replica?.close();
    await orm.close();
  };
});
