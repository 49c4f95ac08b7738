// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { appDatabaseUrl, createLogger, createOrm, listenShape, loadConfig, runProcess } from '@flowgraph/kernel';
import { entities } from './entities';
import { startIntegrationServer } from './server';

runProcess('integration', async () => {
  const config = loadConfig(listenShape(4003));
  const logger = createLogger('integration', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const server = await startIntegrationServer({ orm, logger, identitySecret: config.IDENTITY_SECRET }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await orm.close();
  };
});
