import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { Logger } from '@flowgraph/kernel';
import { enqueueExecution, type ExecutionJobData } from '../modules/executions/execution.job';

export interface ExecutionSweeperOptions {
  root: EntityManager;
  queue: Queue<ExecutionJobData>;
  logger: Logger;
  intervalMs: number;
  /** Executions queued for less than this are left alone (their starter is enqueueing them). Default 5 s. */
  graceMs?: number;
}

/**
 * Enqueues executions committed as `queued` whose job was never added (the process died between
 * commit and enqueue). Adding uses the execution id as job id, so an execution that does have a
 * job — waiting, delayed for the concurrency limit — is left as it is.
 */
export async function sweepQueuedExecutions(options: Omit<ExecutionSweeperOptions, 'intervalMs'>): Promise<number> {
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

export function startExecutionSweeper(options: ExecutionSweeperOptions): { close(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepQueuedExecutions(options).catch((error: unknown) => options.logger.error({ err: error }, 'sweep failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
