import { Queue, UnrecoverableError, type Job } from 'bullmq';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AppError, createQueueWorker, queueTelemetry, type Logger, type Redis, type SecretKeyring } from '@flowgraph/kernel';
import { QUEUES, bullPrefix } from '../../jobs/queues';
import { ExecutionStarter } from '../executions/execution-starter';
import { CRON_TRIGGER_JOB, runCronTrigger, type CronTriggerJobData } from './cron-trigger.job';
import { EventTriggerConsumer } from './event-trigger.consumer';
import {
  REENCRYPT_WEBHOOK_SECRETS_JOB,
  REENCRYPT_WEBHOOK_SECRETS_SCHEDULE,
  reencryptWebhookSecrets,
} from './reencrypt-webhook-secrets.job';
import { RECONCILE_SCHEDULER_ID, TriggerScheduler } from './trigger-scheduler';

export const RECONCILE_JOB = 'reconcile-trigger-schedulers';

export interface TriggersWorkerDeps {
  orm: MikroORM;
  /** A connection made with `createRedis(url, { forWorkers: true })`. */
  connection: Redis;
  /** REDIS_PREFIX: BullMQ keys and the event stream live under it. */
  redisPrefix: string;
  logger: Logger;
  /** The executions queue triggered executions are enqueued on. */
  executionQueue: Queue;
  /** The webhook secrets' keyring, with the current key they are re-encrypted under. */
  keyring: SecretKeyring;
  /** Webhook secrets re-encrypted per batch. Default: 200. */
  reencryptBatchSize?: number;
  /** How often schedulers are reconciled with Postgres after the start. Default: 60 s. */
  reconcileEveryMs?: number;
  /** Event consumer tuning (tests shorten these). */
  eventConsumer?: { blockMs?: number; claimIdleMs?: number; claimEveryMs?: number };
}

/**
 * Starts the trigger side of a worker process: reconciles cron schedulers with Postgres, runs the
 * `workflow-triggers` queue (cron ticks, periodic reconcile, webhook secret re-encryption) and the
 * event-trigger consumer.
 * Every replica runs the same; BullMQ hands each tick's job to one of them.
 */
export async function startTriggersWorker(deps: TriggersWorkerDeps) {
  const { connection, logger, orm } = deps;
  const prefix = bullPrefix(deps.redisPrefix);
  const root = orm.em as EntityManager;
  const queue = new Queue(QUEUES.triggers, { connection, prefix, telemetry: queueTelemetry() });
  const starter = () => new ExecutionStarter({ em: root.fork() as EntityManager, queue: deps.executionQueue });
  const reconcile = async () => {
    const result = await new TriggerScheduler(queue, root.fork() as EntityManager).reconcile();
    logger.info(result, 'trigger schedulers reconciled');
    return result;
  };

  await reconcile();
  await queue.upsertJobScheduler(RECONCILE_SCHEDULER_ID, { every: deps.reconcileEveryMs ?? 60_000 }, { name: RECONCILE_JOB });
  const reencrypt = async () => {
    const result = await reencryptWebhookSecrets(root.fork() as EntityManager, deps.keyring, deps.reencryptBatchSize);
    if (result.unreadable > 0) logger.error(result, 'webhook secrets no configured key decrypts');
    else logger.info(result, 'webhook secrets re-encrypted');
    return result;
  };
  await queue.upsertJobScheduler(REENCRYPT_WEBHOOK_SECRETS_JOB, REENCRYPT_WEBHOOK_SECRETS_SCHEDULE, {
    name: REENCRYPT_WEBHOOK_SECRETS_JOB,
  });
  // And once now, so a new current key takes effect soon: one job for all replicas starting together
  // (a job id already waiting or running is not added again), removed when done so the next start adds it.
  await queue.add(
    REENCRYPT_WEBHOOK_SECRETS_JOB,
    {},
    { jobId: `${REENCRYPT_WEBHOOK_SECRETS_JOB}-at-start`, removeOnComplete: true, removeOnFail: true },
  );

  const worker = createQueueWorker(
    QUEUES.triggers,
    async (job: Job) => {
      if (job.name === RECONCILE_JOB) return reconcile();
      if (job.name === REENCRYPT_WEBHOOK_SECRETS_JOB) return reencrypt();
      if (job.name !== CRON_TRIGGER_JOB) throw new UnrecoverableError(`unknown job ${job.name}`);
      try {
        return await runCronTrigger(job as Job<CronTriggerJobData>, { root, starter });
      } catch (error) {
        // A rule (no live version, …) will not change by retrying this tick; the next tick tries again.
        if (error instanceof AppError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    { connection, prefix, concurrency: 5, telemetry: queueTelemetry() },
  );
  worker.on('failed', (job, error) => logger.error({ job: job?.name, jobId: job?.id, err: error }, 'trigger job failed'));

  const consumer = new EventTriggerConsumer({
    root,
    redis: connection,
    redisPrefix: deps.redisPrefix,
    logger,
    starter,
    ...deps.eventConsumer,
  });
  await consumer.start();

  return {
    queue,
    worker,
    consumer,
    async close() {
      await consumer.stop();
      await worker.close();
      await queue.close();
    },
  };
}
