import { appDatabaseUrl, createLogger, createOrm, listenShape, loadConfig, runProcess } from '@flowgraph/kernel';
import { entities } from './entities';
import { startAnalyticsServer } from './server';

runProcess('analytics', async () => {
  const config = loadConfig(listenShape(4004));
  const logger = createLogger('analytics', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const server = await startAnalyticsServer({ orm, logger, identitySecret: config.IDENTITY_SECRET, modules: { suggestions: {}, reporting: {} } }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await orm.close();
  };
});
