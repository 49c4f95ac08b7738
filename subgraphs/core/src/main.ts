import { appDatabaseUrl, createLogger, createOrm, createRedis } from '@flowgraph/kernel';
import { loadCoreConfig } from './config';
import { entities } from './entities';
import { startCoreServer } from './server';

async function main(): Promise<void> {
  const config = loadCoreConfig();
  const logger = createLogger('core', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const redis = createRedis(config.REDIS_URL);
  const server = await startCoreServer({ orm, redis, logger, config }, config.PORT, config.HOST);
  const shutdown = async () => {
    await server.stop();
    await orm.close();
    redis.disconnect();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
