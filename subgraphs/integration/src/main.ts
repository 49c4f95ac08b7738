// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, startServiceMetrics } from '@flowgraph/kernel';
import { loadIntegrationConfig } from './config';
import { entities } from './entities';
import { startIntegrationServer } from './server';

runProcess('integration', async () => {
  const config = loadIntegrationConfig();
  const logger = createLogger('integration', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL);
  // Requests, operations and SQL for Prometheus on METRICS_PORT (none when unset).
  const served = await startServiceMetrics('integration', { orms: [orm], port: config.METRICS_PORT, host: config.METRICS_HOST });
  const server = await startIntegrationServer({ orm, logger, redis, config, metrics: served.metrics }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await served.close();
    await redis.quit();
    await orm.close();
  };
});
