import type { Queue } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TriggerRepository, type CronTarget } from './trigger.repository';
import { CRON_TRIGGER_JOB, type CronTriggerJobData } from './cron-trigger.job';

/** Schedulers in the triggers queue that are not cron triggers (kept by reconcile). */
export const RECONCILE_SCHEDULER_ID = 'reconcile-trigger-schedulers';

/**
 * Keeps one BullMQ job scheduler (id = trigger id) per enabled cron trigger of an active,
 * non-deleted workflow on the `workflow-triggers` queue. Postgres is the truth; Redis follows:
 * `syncWorkflow` after any change, `reconcile` on worker start and every minute (Redis may have
 * been flushed, or a change's transaction rolled back after its sync).
 */
export class TriggerScheduler {
  constructor(
    private readonly queue: Queue,
    /** The transaction whose view is applied: a request's (sees its own uncommitted changes) or a worker's fork. */
    private readonly em: EntityManager,
  ) {}

  /** Makes the workflow's cron schedulers match its triggers and state as `em` sees them. */
  async syncWorkflow(workflowId: string): Promise<void> {
    const repository = new TriggerRepository(this.em);
    const state = await repository.workflowState(workflowId);
    const triggers = (await repository.findByWorkflowIds([workflowId])).filter((t) => t.kind === 'cron');
    const live = !!state && state.isActive && !state.deleted;
    for (const trigger of triggers) {
      if (live && trigger.enabled && trigger.config.pattern) {
        await this.schedule({
          id: trigger.id,
          orgId: trigger.orgId,
          workflowId: trigger.workflowId,
          pattern: trigger.config.pattern,
          timezone: trigger.config.timezone ?? 'UTC',
        });
      } else {
        await this.unschedule(trigger.id);
      }
    }
  }

  /** Creates or updates one trigger's scheduler; untouched when it already has this pattern and zone. */
  async schedule(target: CronTarget): Promise<void> {
    const existing = await this.queue.getJobScheduler(target.id);
    if (existing && existing.pattern === target.pattern && existing.tz === target.timezone) return;
    const data: CronTriggerJobData = { triggerId: target.id, orgId: target.orgId, workflowId: target.workflowId };
    await this.queue.upsertJobScheduler(
      target.id,
      { pattern: target.pattern, tz: target.timezone },
      {
        name: CRON_TRIGGER_JOB,
        data,
        // A tick whose start failed for a transient reason is retried; its idempotency key keeps it single.
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: 1000, removeOnFail: 5000 },
      },
    );
  }

  async unschedule(triggerId: string): Promise<void> {
    await this.queue.removeJobScheduler(triggerId);
  }

  /** Makes Redis hold exactly the schedulers Postgres asks for, across organizations. */
  async reconcile(): Promise<{ scheduled: number; removed: number }> {
    const wanted = await new TriggerRepository(this.em).schedulableCronTriggers();
    const wantedIds = new Set(wanted.map((t) => t.id));
    let removed = 0;
    for (const scheduler of await this.queue.getJobSchedulers(0, -1)) {
      if (scheduler.key === RECONCILE_SCHEDULER_ID || wantedIds.has(scheduler.key)) continue;
      await this.unschedule(scheduler.key);
      removed++;
    }
    for (const target of wanted) await this.schedule(target);
    return { scheduled: wanted.length, removed };
  }
}
