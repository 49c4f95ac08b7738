import { Queue } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createQueueWorker, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { QUEUES } from '../../jobs/queues';
import {
  PURGE_WEBHOOK_DELIVERIES_JOB,
  PURGE_WEBHOOK_DELIVERIES_SCHEDULE,
  purgeWebhookDeliveries,
} from '../triggers/purge-webhook-deliveries.job';
import { PURGE_DELETED_WORKFLOWS_JOB, PURGE_DELETED_WORKFLOWS_SCHEDULE, purgeDeletedWorkflows } from './purge-deleted-workflows.job';

export interface WorkflowsWorkerDeps {
  root: EntityManager;
  connection: Redis;
  prefix: string;
  logger: Logger;
}

/**
 * The daily housekeeping jobs of the maintenance queue, which this module owns; each job lives
 * with its module (webhook deliveries with the triggers). None carries data: what to delete is
 * decided when it runs.
 */
const MAINTENANCE_JOBS: Record<string, { schedule: { pattern: string; tz: string }; run: (em: EntityManager) => Promise<number> }> = {
  [PURGE_DELETED_WORKFLOWS_JOB]: { schedule: PURGE_DELETED_WORKFLOWS_SCHEDULE, run: (em) => purgeDeletedWorkflows(em) },
  [PURGE_WEBHOOK_DELIVERIES_JOB]: { schedule: PURGE_WEBHOOK_DELIVERIES_SCHEDULE, run: (em) => purgeWebhookDeliveries(em) },
};

/** Schedules and runs the maintenance jobs on their own queue. */
export async function startWorkflowsWorker(deps: WorkflowsWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const queue = new Queue(QUEUES.maintenance, { connection, prefix, telemetry: queueTelemetry() });
  // Idempotent: every worker replica upserts the same schedulers and BullMQ keeps one of each.
  for (const [name, job] of Object.entries(MAINTENANCE_JOBS)) {
    await queue.upsertJobScheduler(name, job.schedule, { name, data: {} });
  }
  const worker = createQueueWorker(
    QUEUES.maintenance,
    async (job) => {
      const maintenance = MAINTENANCE_JOBS[job.name];
      if (!maintenance) throw new Error(`unknown job ${job.name}`);
      const purged = await maintenance.run(deps.root.fork());
      logger.info({ job: job.name, purged }, 'maintenance done');
      return { purged };
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
