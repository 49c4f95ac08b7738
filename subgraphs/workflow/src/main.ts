import { appDatabaseUrl, createLogger, createOrm, listenShape, loadConfig, runProcess } from '@flowgraph/kernel';
import { entities } from './entities';
import { startWorkflowServer } from './server';

runProcess('workflow', async () => {
  const config = loadConfig(listenShape(4002));
  const logger = createLogger('workflow', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const server = await startWorkflowServer({ orm, logger, identitySecret: config.IDENTITY_SECRET }, config.PORT, config.HOST);
  return async () => {
    await server.stop();
    await orm.close();
  };
});
