// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, startServiceMetrics } from '@flowgraph/kernel';
import { loadWorkflowConfig } from './config';
import { entities } from './entities';
import { startWorkflowServer } from './server';
import { createWorkflowServerResources } from './server-resources';

runProcess('workflow', async () => {
  const config = loadWorkflowConfig();
  const logger = createLogger('workflow', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL);
  const resources = createWorkflowServerResources(redis, config);
  // Requests, operations and SQL for Prometheus on METRICS_PORT (none when unset).
  const served = await startServiceMetrics('workflow', { orms: [orm], port: config.METRICS_PORT, host: config.METRICS_HOST });
  const server = await startWorkflowServer(
    {
      orm,
      logger,
      identitySecret: config.IDENTITY_SECRET,
      triggers: resources.triggers,
      executions: resources.executions,
      metrics: served.metrics,
    },
    config.PORT,
    config.HOST,
  );
  return async () => {
    await server.stop();
    await served.close();
    await resources.close();
    redis.disconnect();
    await orm.close();
  };
});
