import type { EntityManager } from '@mikro-orm/postgresql';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { queueTelemetry, type Redis } from '@flowgraph/kernel';
import type { Logger } from '@flowgraph/kernel';
import { ExecutionProgressRepository } from '../modules/executions/execution-progress.repository';
import { ExecutionProcessor, type DependencyWait } from '../modules/executions/execution.processor';
import type { ExecutionJobData } from '../modules/executions/execution.job';
import type { ExecutionUpdates } from '../modules/executions/execution-updates';
import type { StepRunners } from '../modules/steps/step-runners';
import { QUEUES } from './queues';

export interface ExecutionWorkerOptions {
  root: EntityManager;
  /** A connection with `maxRetriesPerRequest: null` (BullMQ's blocking commands). */
  connection: Redis;
  prefix: string;
  runners: StepRunners;
  updates: ExecutionUpdates;
  logger: Logger;
  /** Executions this process runs at once. */
  concurrency: number;
  /** How long a job's lock lasts without renewal; a dead worker's job is found stalled after it. */
  lockDurationMs: number;
  /** How often stalled jobs are looked for. */
  stalledIntervalMs: number;
  /** Stalls after which the execution is failed instead of resumed. */
  maxStalledCount: number;
  /** Claim backoff when a workflow is at its concurrency limit. */
  fullBackoffMs?: number;
  /** How long and how far apart steps retry an unreachable dependency. */
  dependencyWait: DependencyWait;
}

export interface RunningExecutionWorker {
  worker: Worker<ExecutionJobData>;
  close(): Promise<void>;
}

/**
 * The executions worker. A job whose worker died is found by BullMQ's stalled check and
 * processed again (the processor resumes from Postgres); past `maxStalledCount` BullMQ fails
 * the job, and the failure listener here records the reason on the execution, so none stays running.
 */
export async function startExecutionWorker(options: ExecutionWorkerOptions): Promise<RunningExecutionWorker> {
  const processor = new ExecutionProcessor({
    root: options.root,
    runners: options.runners,
    updates: options.updates,
    logger: options.logger,
    fullBackoffMs: options.fullBackoffMs,
    dependencyWait: options.dependencyWait,
  });
  const worker = new Worker<ExecutionJobData>(QUEUES.executions, processor.process, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    telemetry: queueTelemetry(),
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount,
  });
  worker.on('error', (error) => options.logger.error({ err: error }, 'execution worker error'));
  worker.on('stalled', (jobId) => options.logger.warn({ executionId: jobId }, 'execution stalled (its worker died); resuming it'));

  // Failures decided in Redis (stall limit) reach no worker's `failed` handler: listen to queue events.
  const eventsConnection = options.connection.duplicate();
  const events = new QueueEvents(QUEUES.executions, { connection: eventsConnection, prefix: options.prefix });
  const queue = new Queue<ExecutionJobData>(QUEUES.executions, {
    connection: options.connection,
    prefix: options.prefix,
    telemetry: queueTelemetry(),
  });
  events.on('failed', ({ jobId, failedReason }) => {
    void recordJobFailure(queue, options, jobId, failedReason).catch((error: unknown) =>
      options.logger.error({ err: error, executionId: jobId }, 'could not record a failed execution job'),
    );
  });
  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  return {
    worker,
    async close() {
      await worker.close();
      await events.close();
      await queue.close();
      eventsConnection.disconnect();
    },
  };
}

async function recordJobFailure(
  queue: Queue<ExecutionJobData>,
  options: ExecutionWorkerOptions,
  jobId: string,
  reason: string,
): Promise<void> {
  const job = await queue.getJob(jobId);
  if (!job) return;
  const progress = new ExecutionProgressRepository(options.root, job.data.orgId);
  const stalled = /stalled/i.test(reason);
  const message = stalled
    ? `The worker running this execution stopped responding more than ${options.maxStalledCount} times (${reason})`
    : `The execution could not be processed: ${reason}`;
  await progress.fail(job.data.executionId, message);
  await options.updates.publish({ id: job.data.executionId, orgId: job.data.orgId });
  options.logger.warn({ executionId: job.data.executionId, reason }, 'execution failed by its job');
}
