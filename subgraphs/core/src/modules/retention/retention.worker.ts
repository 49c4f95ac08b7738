import { Queue, type Worker } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createQueueWorker, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { QUEUES } from '../../jobs/queues';
import { RETENTION_JOB, RETENTION_SCHEDULE, runRetention, type RetentionJobData } from './retention.job';

export interface RetentionWorkerDeps {
  orm: MikroORM;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  prefix: string;
  logger: Logger;
  auditKeepDays: number;
}

/** The maintenance queue's daily retention scheduler and its worker; `close()` stops them. */
export async function startRetentionWorker(
  deps: RetentionWorkerDeps,
): Promise<{ queue: Queue<RetentionJobData>; worker: Worker<RetentionJobData>; close(): Promise<void> }> {
  const { connection, prefix, logger } = deps;
  const queue = new Queue<RetentionJobData>(QUEUES.maintenance, { connection, prefix, telemetry: queueTelemetry() });
  // Idempotent: every worker replica upserts the same scheduler and BullMQ keeps one.
  await queue.upsertJobScheduler('retention-daily', RETENTION_SCHEDULE, {
    name: RETENTION_JOB,
    data: { auditKeepDays: deps.auditKeepDays },
  });
  const worker = createQueueWorker<RetentionJobData>(
    QUEUES.maintenance,
    async (job) => {
      if (job.name !== RETENTION_JOB) throw new Error(`unknown job ${job.name}`);
      const result = await runRetention(deps.orm.em.fork(), job.data);
      logger.info({ job: job.name, ...result }, 'retention done');
      return result;
    },
    { connection, prefix, concurrency: 1, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, err: error }, 'job failed'));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
