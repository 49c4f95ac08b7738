import type { EntityManager } from '@mikro-orm/postgresql';
import { Queue, QueueEvents, type Worker } from 'bullmq';
import { createQueueWorker, queueTelemetry, type Logger, type Redis } from '@flowgraph/kernel';
import { QUEUES } from '../../jobs/queues';
import type { StepRunners } from '../steps/step-runners';
import { ExecutionProgressRepository } from './execution-progress.repository';
import { ExecutionProcessor, type DependencyWait } from './execution.processor';
import { enqueueExecution, type ExecutionJobData } from './execution.job';
import type { ExecutionUpdates } from './execution-updates';

export interface ExecutionsWorkerDeps {
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
  /** The executions queue the sweeper adds lost jobs to. */
  queue: Queue<ExecutionJobData>;
  /** How often the sweeper looks for executions committed without their job. */
  sweepIntervalMs: number;
}

export interface RunningExecutionsWorker {
  worker: Worker<ExecutionJobData>;
  close(): Promise<void>;
}

/** The executions module's background work: the executions queue's worker and the sweeper of lost jobs. */
export async function startExecutionsWorker(options: ExecutionsWorkerDeps): Promise<RunningExecutionsWorker> {
  const executions = await startExecutionJobWorker(options);
  const sweeper = startExecutionSweeper({
    root: options.root,
    queue: options.queue,
    logger: options.logger,
    intervalMs: options.sweepIntervalMs,
    recordFailure: (jobId, reason) => recordJobFailure(options.queue, options, jobId, reason),
  });
  return {
    worker: executions.worker,
    async close() {
      await sweeper.close();
      await executions.close();
    },
  };
}

/**
 * The executions worker. A job whose worker died is found by BullMQ's stalled check and
 * processed again (the processor resumes from Postgres); past `maxStalledCount` BullMQ fails
 * the job, and the failure listener here records the reason on the execution, so none stays running.
 */
async function startExecutionJobWorker(options: ExecutionsWorkerDeps): Promise<RunningExecutionsWorker> {
  const processor = new ExecutionProcessor({
    root: options.root,
    runners: options.runners,
    updates: options.updates,
    logger: options.logger,
    fullBackoffMs: options.fullBackoffMs,
    dependencyWait: options.dependencyWait,
  });
  const worker = createQueueWorker<ExecutionJobData>(QUEUES.executions, processor.process, {
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
  options: ExecutionsWorkerDeps,
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

interface ExecutionSweeperOptions {
  root: EntityManager;
  queue: Queue<ExecutionJobData>;
  logger: Logger;
  intervalMs: number;
  /** Executions queued (or started) less than this ago are left alone (their starter is enqueueing them). Default 5 s. */
  graceMs?: number;
  /** Records a failed job's reason on its execution (what the queue's `failed` listener does). */
  recordFailure(jobId: string, reason: string): Promise<void>;
}

/** Job states in which BullMQ will still run the job: its execution is in hand. */
const LIVE_JOB_STATES = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);
const SWEEP_PAGE = 500;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Enqueues executions committed as `queued` whose job was never added (the process died between
 * commit and enqueue). Adding uses the execution id as job id, so an execution that does have a
 * job — waiting, delayed for the concurrency limit — is left as it is.
 */
async function sweepQueuedExecutions(options: Omit<ExecutionSweeperOptions, 'intervalMs'>): Promise<number> {
  const rows = await options.root
    .fork()
    .getConnection()
    .execute<{ id: string; org_id: string }[]>('select id, org_id from workflow.stale_queued_executions(?, ?)', [
      options.graceMs ?? 5000,
      500,
    ]);
  for (const row of rows) await enqueueExecution(options.queue, { executionId: row.id, orgId: row.org_id });
  if (rows.length > 0) options.logger.info({ count: rows.length }, 'sweeper enqueued queued executions');
  return rows.length;
}

/**
 * Recovers running executions whose job BullMQ will never run: gone (Redis lost it) or finished
 * while the execution did not — added again (the processor resumes from the recorded progress);
 * failed without the failure recorded (Postgres was down when the `failed` event came) — the
 * failure recorded now. Looks at one page of running executions per sweep, by id, starting over
 * after the last, so a sweep costs at most a page of job-state lookups however many run. Returns
 * the id to continue after.
 */
async function sweepRunningExecutions(options: Omit<ExecutionSweeperOptions, 'intervalMs'>, afterId: string): Promise<string> {
  const rows = await options.root
    .fork()
    .getConnection()
    .execute<{ id: string; org_id: string }[]>('select id, org_id from workflow.stale_running_executions(?, ?, ?)', [
      options.graceMs ?? 5000,
      afterId,
      SWEEP_PAGE,
    ]);
  for (const row of rows) {
    const state = await options.queue.getJobState(row.id);
    if (LIVE_JOB_STATES.has(state)) continue;
    if (state === 'failed') {
      const job = await options.queue.getJob(row.id);
      await options.recordFailure(row.id, job?.failedReason ?? 'the job failed');
      continue;
    }
    if (state !== 'unknown') await options.queue.remove(row.id);
    await enqueueExecution(options.queue, { executionId: row.id, orgId: row.org_id });
    options.logger.warn({ executionId: row.id, jobState: state }, 'sweeper resumed a running execution that had no job');
  }
  // The id to continue after next time: the start again once the last page was read.
  return rows.length < SWEEP_PAGE ? FIRST_ID : rows[rows.length - 1]!.id;
}

function startExecutionSweeper(options: ExecutionSweeperOptions): { close(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let afterId = FIRST_ID;
  const sweep = async () => {
    await sweepQueuedExecutions(options);
    afterId = await sweepRunningExecutions(options, afterId);
  };
  const timer = setInterval(() => {
    running = sweep().catch((error: unknown) => options.logger.error({ err: error }, 'sweep failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
