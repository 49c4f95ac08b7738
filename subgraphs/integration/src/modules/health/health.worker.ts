import { Queue } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createQueueWorker, queueTelemetry, type Logger, type Redis, type SecretKeyring } from '@flowgraph/kernel';
import type { IntegrationConfig } from '../../config';
import { QUEUES } from '../../jobs/queues';
import type { TokenRefresher } from '../actions/token-refresher';
import { CHECK_INTEGRATIONS_HEALTH_JOB, checkIntegrationsHealth } from './check-integrations-health.job';
import { createHealthModule } from './health.module';

export interface HealthWorkerDeps {
  orm: MikroORM;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  prefix: string;
  config: IntegrationConfig;
  logger: Logger;
  keyring: SecretKeyring;
  /** Refreshes an expiring OAuth token before its check, as actions do. */
  tokens: TokenRefresher;
}

/**
 * Schedules the health check of every integration (INTEGRATION_HEALTH_SCHEDULE) and runs it. Every
 * replica upserts the same scheduler and BullMQ hands each tick to one of them; a tick waits while
 * the previous one still runs on this worker (concurrency 1).
 */
export async function startHealthWorker(deps: HealthWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const module = createHealthModule({ orm: deps.orm, config: deps.config, logger, keyring: deps.keyring, tokens: deps.tokens });
  const queue = new Queue(QUEUES.health, { connection, prefix, telemetry: queueTelemetry() });
  await queue.upsertJobScheduler(
    CHECK_INTEGRATIONS_HEALTH_JOB,
    { pattern: deps.config.INTEGRATION_HEALTH_SCHEDULE, tz: 'UTC' },
    { name: CHECK_INTEGRATIONS_HEALTH_JOB, data: {} },
  );
  const worker = createQueueWorker(
    QUEUES.health,
    async (job) => {
      if (job.name !== CHECK_INTEGRATIONS_HEALTH_JOB) throw new Error(`unknown job ${job.name}`);
      const sweep = await checkIntegrationsHealth(module.health);
      logger.info(sweep, 'integrations health checked');
      return sweep;
    },
    { connection, prefix, concurrency: 1, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, err: error }, 'health job failed'));
  return {
    queue,
    worker,
    health: module.health,
    async close() {
      await worker.close();
      await queue.close();
      await module.close();
    },
  };
}
