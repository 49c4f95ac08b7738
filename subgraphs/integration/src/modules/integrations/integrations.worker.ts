import { Queue } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createQueueWorker, queueTelemetry, type Logger, type Redis, type SecretKeyring } from '@flowgraph/kernel';
import { QUEUES } from '../../jobs/queues';
import { PURGE_ACTION_CALLS_JOB, PURGE_ACTION_CALLS_SCHEDULE, purgeActionCalls } from '../actions/purge-action-calls.job';
import { REENCRYPT_CREDENTIALS_JOB, REENCRYPT_CREDENTIALS_SCHEDULE, reencryptCredentials } from '../credentials/reencrypt-credentials.job';
import { PURGE_HEALTH_CHECKS_JOB, PURGE_HEALTH_CHECKS_SCHEDULE, purgeHealthChecks } from '../health/purge-health-checks.job';

export interface IntegrationsWorkerDeps {
  root: EntityManager;
  connection: Redis;
  prefix: string;
  logger: Logger;
  /** The credentials' keyring, with the current key they are re-encrypted under. */
  keyring: SecretKeyring;
  retention: { actionCallsDays: number; healthChecksDays: number };
}

type MaintenanceJob = { schedule: { pattern: string; tz: string }; run: (em: EntityManager) => Promise<unknown> };

/**
 * The integrations' daily housekeeping on the maintenance queue, which this module owns; each job
 * lives with its module. Credentials are also re-encrypted once at every start, so a new current
 * key takes effect soon (one job for all replicas starting together: a job id already waiting or
 * running is not added again, and it is removed when done so the next start adds it).
 */
export async function startIntegrationsWorker(deps: IntegrationsWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const jobs: Record<string, MaintenanceJob> = {
    [REENCRYPT_CREDENTIALS_JOB]: {
      schedule: REENCRYPT_CREDENTIALS_SCHEDULE,
      run: async (em) => {
        const result = await reencryptCredentials(em, deps.keyring);
        if (result.unreadable > 0) logger.error(result, 'credentials no configured key decrypts');
        return result;
      },
    },
    [PURGE_ACTION_CALLS_JOB]: { schedule: PURGE_ACTION_CALLS_SCHEDULE, run: (em) => purgeActionCalls(em, deps.retention.actionCallsDays) },
    [PURGE_HEALTH_CHECKS_JOB]: {
      schedule: PURGE_HEALTH_CHECKS_SCHEDULE,
      run: (em) => purgeHealthChecks(em, deps.retention.healthChecksDays),
    },
  };
  const queue = new Queue(QUEUES.maintenance, { connection, prefix, telemetry: queueTelemetry() });
  // Idempotent: every worker replica upserts the same schedulers and BullMQ keeps one of each.
  for (const [name, job] of Object.entries(jobs)) await queue.upsertJobScheduler(name, job.schedule, { name, data: {} });
  await queue.add(
    REENCRYPT_CREDENTIALS_JOB,
    {},
    { jobId: `${REENCRYPT_CREDENTIALS_JOB}-at-start`, removeOnComplete: true, removeOnFail: true },
  );
  const worker = createQueueWorker(
    QUEUES.maintenance,
    async (job) => {
      const maintenance = jobs[job.name];
      if (!maintenance) throw new Error(`unknown job ${job.name}`);
      const result = await maintenance.run(deps.root.fork());
      logger.info({ job: job.name, result }, 'maintenance done');
      return result;
    },
    { connection, prefix, concurrency: 1, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, err: error }, 'maintenance job failed'));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
