import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { secretKeyringFromConfig, type Logger, type Redis } from '@flowgraph/kernel';
import type { IntegrationConfig } from './config';
import { bullPrefix } from './jobs/queues';
import { startHealthWorker } from './modules/health/health.worker';
import { startIntegrationsWorker } from './modules/integrations/integrations.worker';
import { OAuthTokenRefresher } from './modules/oauth/oauth-token-refresher';

export interface WorkerDeps {
  orm: MikroORM;
  /** `createRedis(url, { forWorkers: true })`: BullMQ's blocking commands. */
  connection: Redis;
  logger: Logger;
  config: IntegrationConfig;
}

export interface RunningWorkers {
  close(): Promise<void>;
}

/** Everything the integration worker process runs, module by module: health checks, and the maintenance queue. */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { config, connection, logger } = deps;
  const prefix = bullPrefix(config.REDIS_PREFIX);
  const keyring = secretKeyringFromConfig(config);
  // Health checks refresh an expiring OAuth token first, as actions do: an hourly token is not a failing account.
  const tokens = new OAuthTokenRefresher({ orm: deps.orm, keyring, config });
  const health = await startHealthWorker({ orm: deps.orm, connection, prefix, config, logger, keyring, tokens });
  const integrations = await startIntegrationsWorker({
    root: deps.orm.em as EntityManager,
    connection,
    prefix,
    logger,
    keyring,
    retention: { actionCallsDays: config.ACTION_CALLS_RETENTION_DAYS, healthChecksDays: config.INTEGRATION_HEALTH_RETENTION_DAYS },
  });
  return {
    async close() {
      await integrations.close();
      await health.close();
    },
  };
}
