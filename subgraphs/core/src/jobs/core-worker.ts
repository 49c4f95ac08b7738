import { Queue, Worker } from 'bullmq';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { QUEUES } from './queues';
import { EventRelay, type EventRelayOptions } from '../modules/events/event-relay';
import { createAuditStreamConsumer } from '../modules/audit/audit-stream.consumer';
import { RETENTION_JOB, RETENTION_SCHEDULE, runRetention, type RetentionJobData } from '../modules/retention/retention.job';

export interface CoreWorkerDeps {
  orm: MikroORM;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  prefix: string;
  logger: Logger;
  auditKeepDays: number;
  /** The outbox relay to the event stream; omitted, no relay runs (a process that only does maintenance). */
  eventRelay?: Omit<EventRelayOptions, 'orm' | 'logger'>;
  /** Where the other subgraphs' audit entries arrive, to be stored in the audit log; omitted, none are. */
  auditStream?: { redis: Redis; redisPrefix: string };
}

/** Starts the maintenance queue's scheduler and worker, the event relay and the audit stream consumer; `close()` stops them. */
export async function startCoreWorker(deps: CoreWorkerDeps) {
  const { connection, prefix, logger } = deps;
  const queue = new Queue<RetentionJobData>(QUEUES.maintenance, { connection, prefix, telemetry: queueTelemetry() });
  // Idempotent: every worker replica upserts the same scheduler and BullMQ keeps one.
  await queue.upsertJobScheduler('retention-daily', RETENTION_SCHEDULE, {
    name: RETENTION_JOB,
    data: { auditKeepDays: deps.auditKeepDays },
  });
  const worker = new Worker<RetentionJobData>(
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
  const relay = deps.eventRelay ? new EventRelay({ ...deps.eventRelay, orm: deps.orm, logger }) : undefined;
  relay?.start();
  const auditConsumer = deps.auditStream
    ? createAuditStreamConsumer({ ...deps.auditStream, root: deps.orm.em.fork() as EntityManager, logger })
    : undefined;
  await auditConsumer?.start();
  return {
    queue,
    worker,
    relay,
    async close() {
      await auditConsumer?.stop();
      await relay?.stop();
      await worker.close();
      await queue.close();
    },
  };
}
