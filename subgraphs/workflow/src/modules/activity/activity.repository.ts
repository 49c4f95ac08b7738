import type { EntityManager } from '@mikro-orm/postgresql';
import { daysBetween, type ActivityRange, type WorkflowActivityDay, type WorkflowOwnerMilestones } from '@flowgraph/contracts';
import { rangeInstants } from './activity-range';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * Reads of the organization's workflow activity for reporting (Analytics' daily aggregates).
 * Every query names the organization; row-level security is the second line of defence.
 * Deleted workflows still count: they were created, and their runs happened.
 */
export class ActivityRepository {
  constructor(private readonly em: EntityManager) {}

  /** One row per day of the range, zeros included, oldest first. */
  async days(orgId: string, range: ActivityRange): Promise<WorkflowActivityDay[]> {
    const { start, end } = rangeInstants(range);
    const rows = await this.em.execute<{ day: string; created: number; succeeded: number; failed: number }[]>(
      `with days as (
         select ?::date + i as day from generate_series(0, ?::int) i
       ), created as (
         select (created_at at time zone 'UTC')::date as day, count(*)::int as n
         from workflow.workflows
         where org_id = ? and created_at >= ? and created_at < ?
         group by 1
       ), finished as (
         select (finished_at at time zone 'UTC')::date as day,
           count(*) filter (where status = 'succeeded')::int as succeeded,
           count(*) filter (where status = 'failed')::int as failed
         from workflow.executions
         where org_id = ? and status in ('succeeded', 'failed') and finished_at >= ? and finished_at < ?
         group by 1
       )
       select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(c.n, 0) as created,
         coalesce(f.succeeded, 0) as succeeded, coalesce(f.failed, 0) as failed
       from days left join created c using (day) left join finished f using (day)
       order by days.day`,
      [range.from, daysBetween(range.from, range.to), orgId, start, end, orgId, start, end],
    );
    return rows.map((r) => ({ day: r.day, workflowsCreated: r.created, executionsSucceeded: r.succeeded, executionsFailed: r.failed }));
  }

  /**
   * Every workflow owner's first workflow and first successful run (as of now, not bounded by a
   * range: firsts are history). Each workflow's first success is one step down the
   * (workflow, finished_at) index of successes, so the cost grows with workflows, not executions.
   */
  async milestones(orgId: string): Promise<WorkflowOwnerMilestones[]> {
    const rows = await this.em.execute<{ user_id: string; first_workflow_at: Date; first_successful_run_at: Date | null }[]>(
      `select w.user_id, min(w.created_at) as first_workflow_at, min(run.finished_at) as first_successful_run_at
       from workflow.workflows w
       left join lateral (
         select e.finished_at from workflow.executions e
         where e.workflow_id = w.id and e.status = 'succeeded'
         order by e.finished_at
         limit 1
       ) run on true
       where w.org_id = ?
       group by w.user_id
       order by w.user_id`,
      [orgId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      firstWorkflowAt: iso(r.first_workflow_at)!,
      firstSuccessfulRunAt: iso(r.first_successful_run_at),
    }));
  }
}
