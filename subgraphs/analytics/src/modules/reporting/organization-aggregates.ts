import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';
import { aggregateWindow } from './aggregate-window';
import { DailyAggregatesRepository, MAU_DAYS, type AggregateWindow } from './daily-aggregates.repository';
import { utcDay } from './utc-day';
import type { WorkflowActivitySource } from './workflow-activity.client';

export interface OrganizationAggregatesDeps {
  /** The root EntityManager: each step opens its own transaction scoped to the organization. */
  root: EntityManager;
  /** Workflow activity (WorkflowActivityClient on WORKFLOW_ORIGIN). */
  workflow: WorkflowActivitySource;
  /**
   * ANALYTICS_EVENT_RETENTION_DAYS: how long Analytics keeps its copy of events. A day's MAU
   * needs the 30 days before it, so only the last `retention - 29` days are ever recomputed.
   */
  eventRetentionDays: number;
  /** The clock. Default: the system's. */
  now?: () => Date;
}

/**
 * Computes one organization's daily aggregates: the nightly job for every organization, and an
 * admin's refresh for theirs (the same code, so both leave the same rows). Records when it ran,
 * which the report gives as `aggregatedThrough`.
 */
export class OrganizationAggregates {
  private readonly now: () => Date;
  private readonly recomputableDays: number;

  constructor(private readonly deps: OrganizationAggregatesDeps) {
    this.now = deps.now ?? (() => new Date());
    this.recomputableDays = deps.eventRetentionDays - (MAU_DAYS - 1);
  }

  /** Recomputes at least the last `days` days (today included) of the organization; returns the window and the instant it ran at. */
  async compute(orgId: string, days: number): Promise<AggregateWindow & { at: Date }> {
    const at = this.now();
    const known = await inScopedTransaction(this.deps.root, { orgId }, async (em) => {
      const repository = new DailyAggregatesRepository(em);
      return { lastComputedDay: await repository.lastComputedDay(orgId), firstEventDay: await repository.firstEventDay(orgId) };
    });
    const window = { orgId, ...aggregateWindow({ today: utcDay(at), days, recomputableDays: this.recomputableDays, ...known }) };
    // Asked before the transaction opens: no connection is held while Workflow answers.
    const workflow = await this.deps.workflow.activity(orgId, window);
    await inScopedTransaction(this.deps.root, { orgId }, async (em) => {
      const repository = new DailyAggregatesRepository(em);
      await repository.writeToolEvents(window);
      await repository.writeDailyActivity(window, workflow.days);
      await repository.writeMilestones(window, workflow.users);
      await repository.markAggregated(orgId, at);
    });
    return { ...window, at };
  }
}
