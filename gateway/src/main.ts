// First: telemetry must start before the modules it instruments are loaded.
import './instrument';
import { createLogger, createRedis, runProcess } from '@flowgraph/kernel';
import { loadGatewayConfig } from './config';
import { startGateway } from './server';

runProcess('gateway', async () => {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const redis = createRedis(config.REDIS_URL);
  const gateway = await startGateway({ config, logger, redis });
  return async () => {
    await gateway.stop();
    redis.disconnect();
  };
});
