import { Queue, Worker } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger, Redis } from '@flowgraph/kernel';
import {
  PURGE_DELETED_WORKFLOWS_JOB,
  PURGE_DELETED_WORKFLOWS_SCHEDULE,
  purgeDeletedWorkflows,
  type PurgeDeletedWorkflowsJobData,
} from '../modules/workflows/purge-deleted-workflows.job';
import { QUEUES } from './queues';

export interface MaintenanceWorkerDeps {
  root: EntityManager;
  connection: Redis;
  prefix: string;
  logger: Logger;
}

/** The daily purge of workflows deleted past their restore window, on its own queue. */
export async function startMaintenanceWorker(deps: MaintenanceWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const queue = new Queue<PurgeDeletedWorkflowsJobData>(QUEUES.maintenance, { connection, prefix });
  // Idempotent: every worker replica upserts the same scheduler and BullMQ keeps one.
  await queue.upsertJobScheduler(PURGE_DELETED_WORKFLOWS_JOB, PURGE_DELETED_WORKFLOWS_SCHEDULE, {
    name: PURGE_DELETED_WORKFLOWS_JOB,
    data: {},
  });
  const worker = new Worker<PurgeDeletedWorkflowsJobData>(
    QUEUES.maintenance,
    async (job) => {
      if (job.name !== PURGE_DELETED_WORKFLOWS_JOB) throw new Error(`unknown job ${job.name}`);
      const purged = await purgeDeletedWorkflows(deps.root.fork());
      logger.info({ job: job.name, purged }, 'purged deleted workflows');
      return { purged };
    },
    { connection, prefix, concurrency: 1 },
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
