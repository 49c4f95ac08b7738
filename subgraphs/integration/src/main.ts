import { z } from 'zod';
import { appDatabaseUrl, createLogger, createOrm, loadConfig } from '@flowgraph/kernel';
import { entities } from './entities';
import { startIntegrationServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig({ PORT: z.coerce.number().int().default(4003), HOST: z.string().default('127.0.0.1') });
  const logger = createLogger('integration', config.LOG_LEVEL);
  const orm = await createOrm({ url: appDatabaseUrl(config), entities, poolMax: config.DATABASE_POOL_MAX });
  const server = await startIntegrationServer({ orm, logger, identitySecret: config.IDENTITY_SECRET }, config.PORT, config.HOST);
  const shutdown = async () => {
    await server.stop();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
