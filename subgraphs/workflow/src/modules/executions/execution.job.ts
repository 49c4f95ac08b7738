import type { JobsOptions, Queue } from 'bullmq';

/** BullMQ job data of an execution: ids only (job data is stored in clear text); progress lives in Postgres. */
export interface ExecutionJobData {
  executionId: string;
  orgId: string;
}

/**
 * Job options: the job id is the execution id, so enqueueing twice (a retried request, the
 * sweeper) adds nothing. BullMQ attempts cover infrastructure failures only (Postgres or Redis
 * unreachable, a row not yet visible); step retries are counted in step_runs, not here.
 */
export const executionJobOptions = (executionId: string): JobsOptions => ({
  jobId: executionId,
  attempts: 8,
  backoff: { type: 'exponential', delay: 100 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
});

export function enqueueExecution(queue: Queue, data: ExecutionJobData): Promise<unknown> {
  return queue.add('execute', data, executionJobOptions(data.executionId));
}
