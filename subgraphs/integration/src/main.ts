// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { AuditRelay, appDatabaseUrl, createLogger, createOrm, createRedis, runProcess, secretKeyringFromConfig } from '@flowgraph/kernel';
import { loadIntegrationConfig } from './config';
import { entities } from './entities';
import { startIntegrationServer } from './server';

runProcess('integration', async () => {
  const config = loadIntegrationConfig();
  const logger = createLogger('integration', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const server = await startIntegrationServer(
    { orm, logger, identitySecret: config.IDENTITY_SECRET, config, keyring: secretKeyringFromConfig(config) },
    config.PORT,
    config.HOST,
  );
  // Integration has no worker process: its audit outbox is relayed from here (replicas take turns).
  const redis = createRedis(config.REDIS_URL);
  const auditRelay = new AuditRelay({ orm, schema: 'integration', redis, redisPrefix: config.REDIS_PREFIX, logger });
  auditRelay.start();
  return async () => {
    await auditRelay.stop();
    await server.stop();
    await redis.quit();
    await orm.close();
  };
});
