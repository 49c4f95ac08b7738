// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, startServiceMetrics } from '@flowgraph/kernel';
import { loadCoreConfig } from './config';
import { entities } from './entities';
import { startCoreServer } from './server';

runProcess('core', async () => {
  const config = loadCoreConfig();
  const logger = createLogger('core', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL);
  // Requests, operations and SQL for Prometheus on METRICS_PORT (none when unset).
  const served = await startServiceMetrics('core', { orms: [orm], port: config.METRICS_PORT, host: config.METRICS_HOST });
  const server = await startCoreServer({ orm, redis, logger, config, metrics: served.metrics }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await served.close();
    await orm.close();
    redis.disconnect();
  };
});
