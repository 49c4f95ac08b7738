import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActivationFunnel, ActivityDay, SuggestionReport, ToolEventsDay } from '../../generated/graphql';
import type { ReportRange } from './report-range';
import { addDays, dayStart } from './utc-day';

interface ActivityRow {
  day: string;
  active_users: number;
  monthly_active_users: number;
  workflows_created: number;
  executions_succeeded: number;
  executions_failed: number;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? Math.min(1, part / whole) : null);

/**
 * Reads of the daily aggregates for one organization's report. Days never computed have no row
 * (the report shows none for them rather than zeros it does not know). Every query names the
 * organization; the transaction is scoped to it as well (RLS).
 */
export class ReportRepository {
  constructor(private readonly em: EntityManager) {}

  /** When the organization's aggregates were last computed (null: never). */
  async aggregatedThrough(orgId: string): Promise<Date | null> {
    const [row] = await this.em.execute<{ aggregated_at: Date | string | null }[]>(
      `select aggregated_at from analytics.organizations where org_id = ?`,
      [orgId],
    );
    return row?.aggregated_at ? new Date(row.aggregated_at) : null;
  }

  async toolEvents(orgId: string, range: ReportRange): Promise<ToolEventsDay[]> {
    return this.em.execute<ToolEventsDay[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, tool, events from analytics.daily_tool_events
       where org_id = ? and day between ?::date and ?::date order by day, tool`,
      [orgId, range.from, range.to],
    );
  }

  async activity(orgId: string, range: ReportRange): Promise<ActivityDay[]> {
    const rows = await this.em.execute<ActivityRow[]>(
      `select to_char(day, 'YYYY-MM-DD') as day, active_users, monthly_active_users, workflows_created,
         executions_succeeded, executions_failed
       from analytics.daily_activity where org_id = ? and day between ?::date and ?::date order by day`,
      [orgId, range.from, range.to],
    );
    return rows.map((r) => ({
      day: r.day,
      activeUsers: r.active_users,
      monthlyActiveUsers: r.monthly_active_users,
      workflowsCreated: r.workflows_created,
      executionsSucceeded: r.executions_succeeded,
      executionsFailed: r.executions_failed,
      executionSuccessRate: ratio(r.executions_succeeded, r.executions_succeeded + r.executions_failed),
    }));
  }

  /**
   * Suggestions offered, accepted and dismissed during the period. Over a short period more can
   * be accepted than offered (offered before it), so the rate is capped at 1.
   */
  async suggestions(orgId: string, range: ReportRange): Promise<SuggestionReport> {
    const [row] = await this.em.execute<{ offered: number; accepted: number; dismissed: number }[]>(
      `select coalesce(sum(suggestions_offered), 0)::int as offered, coalesce(sum(suggestions_accepted), 0)::int as accepted,
         coalesce(sum(suggestions_dismissed), 0)::int as dismissed
       from analytics.daily_activity where org_id = ? and day between ?::date and ?::date`,
      [orgId, range.from, range.to],
    );
    return { ...row, acceptanceRate: ratio(row.accepted, row.offered) };
  }

  /**
   * Members who signed up (or joined) during the period, and how many of them went on through
   * each step, in order, by now: a step counts only with the steps before it (a true funnel,
   * never widening).
   */
  async activationFunnel(orgId: string, range: ReportRange): Promise<ActivationFunnel> {
    const [row] = await this.em.execute<ActivationFunnel[]>(
      `select count(*)::int as "signedUp",
         count(*) filter (where first_event_at is not null)::int as "firstEvent",
         count(*) filter (where first_event_at is not null and first_workflow_at is not null)::int as "firstWorkflow",
         count(*) filter (where first_event_at is not null and first_workflow_at is not null
           and first_successful_run_at is not null)::int as "firstSuccessfulRun"
       from analytics.user_milestones
       where org_id = ? and signed_up_at >= ? and signed_up_at < ?`,
      [orgId, dayStart(range.from), dayStart(addDays(range.to, 1))],
    );
    return row;
  }
}
