import type { Job } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';
import type { ExecutionStarter } from '../executions/execution-starter';
import { TriggerRepository } from './trigger.repository';

export const CRON_TRIGGER_JOB = 'cron-trigger';

/** Ids only: the trigger is read again when the job runs. */
export interface CronTriggerJobData {
  triggerId: string;
  orgId: string;
  workflowId: string;
}

export type CronTriggerOutcome = { started: string; created: boolean } | { skipped: string };

/** The tick a scheduler job stands for: BullMQ stamps it on the job (`prevMillis`, also in the job id). */
export function tickOf(job: Job<CronTriggerJobData>): number {
  return job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0);
}

/**
 * Starts the execution for one cron tick. The idempotency key `cron:<triggerId>:<tick>` makes a
 * tick start at most one execution even if its job ran twice (two workers, a retried job, a
 * re-created scheduler). A trigger disabled (or workflow deactivated) after the job was queued
 * starts nothing; the next reconcile removes its scheduler.
 */
export async function runCronTrigger(
  job: Job<CronTriggerJobData>,
  deps: { root: EntityManager; starter: () => ExecutionStarter },
): Promise<CronTriggerOutcome> {
  const { triggerId, orgId } = job.data;
  const tick = tickOf(job);
  const live = await inScopedTransaction(deps.root, { orgId }, async (em) => {
    const repository = new TriggerRepository(em);
    const trigger = await repository.findById(triggerId);
    if (!trigger || trigger.kind !== 'cron' || !trigger.enabled) return null;
    const state = await repository.workflowState(trigger.workflowId);
    return state?.isActive && !state.deleted ? trigger : null;
  });
  if (!live) return { skipped: 'trigger disabled, removed or its workflow inactive' };
  const { execution, created } = await deps.starter().start({
    orgId,
    workflowId: live.workflowId,
    triggerKind: 'cron',
    triggerId,
    input: { trigger: { kind: 'cron', scheduledAt: new Date(tick).toISOString() } },
    idempotencyKey: `cron:${triggerId}:${tick}`,
  });
  return { started: execution.id, created };
}
