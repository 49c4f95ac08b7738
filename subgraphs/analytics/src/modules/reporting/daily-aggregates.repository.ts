import type { EntityManager } from '@mikro-orm/postgresql';
import { PLATFORM_TOOL, type WorkflowActivity } from '@flowgraph/contracts';
import { addDays, dayStart, daysBetween, utcDay } from './utc-day';

/** The platform events that make someone a member of an organization (the funnel's first step). */
export const JOIN_EVENT_TYPES = ['user.signed_up', 'member.joined'];
/** Monthly active users: users active in the 30 days ending with the day. */
export const MAU_DAYS = 30;

/** Days `from` to `to` (UTC, both included) of one organization. */
export interface AggregateWindow {
  orgId: string;
  from: string;
  to: string;
}

/**
 * Writes of the daily aggregates, all idempotent: recomputing a window from the same data
 * changes no row (updates are skipped when nothing differs, so even `computed_at` stays).
 * Every query names the organization; the caller's transaction is scoped to it (RLS).
 */
export class DailyAggregatesRepository {
  constructor(private readonly em: EntityManager) {}

  /** The first day not yet computed for good: the last day computed (it may have been partial). */
  async lastComputedDay(orgId: string): Promise<string | null> {
    const [row] = await this.em.execute<{ day: string | null }[]>(
      `select to_char(max(day), 'YYYY-MM-DD') as day from analytics.daily_activity where org_id = ?`,
      [orgId],
    );
    return row?.day ?? null;
  }

  /** The day of the organization's first event Analytics has seen (null: none yet). */
  async firstEventDay(orgId: string): Promise<string | null> {
    const [row] = await this.em.execute<{ first_event_at: Date | null }[]>(
      `select first_event_at from analytics.organizations where org_id = ?`,
      [orgId],
    );
    return row?.first_event_at ? utcDay(new Date(row.first_event_at)) : null;
  }

  /**
   * Records that the organization's aggregates were computed at `at` (never moving back): the
   * report's `aggregatedThrough`. An organization with no event yet gets its row here.
   */
  async markAggregated(orgId: string, at: Date): Promise<void> {
    await this.em.execute(
      `insert into analytics.organizations (org_id, aggregated_at) values (?, ?)
       on conflict (org_id) do update set aggregated_at = greatest(analytics.organizations.aggregated_at, excluded.aggregated_at)`,
      [orgId, at.toISOString()],
    );
  }

  /** Events per connected tool per day; a tool's row goes when it has no events left that day. */
  async writeToolEvents(window: AggregateWindow): Promise<void> {
    const { orgId, from, to } = window;
    const start = dayStart(from);
    const end = dayStart(addDays(to, 1));
    await this.em.execute(
      `insert into analytics.daily_tool_events (org_id, day, tool, events)
       select ?, (occurred_at at time zone 'UTC')::date, tool, count(*)::int
       from analytics.events
       where org_id = ? and tool <> ? and occurred_at >= ? and occurred_at < ?
       group by 2, 3
       on conflict (org_id, day, tool) do update set events = excluded.events
       where daily_tool_events.events <> excluded.events`,
      [orgId, orgId, PLATFORM_TOOL, start, end],
    );
    await this.em.execute(
      `delete from analytics.daily_tool_events t
       where t.org_id = ? and t.day between ?::date and ?::date
         and not exists (
           select 1 from analytics.events e
           where e.org_id = t.org_id and e.tool = t.tool
             and e.occurred_at >= t.day::timestamp at time zone 'UTC'
             and e.occurred_at < (t.day + 1)::timestamp at time zone 'UTC'
         )`,
      [orgId, from, to],
    );
  }

  /**
   * One row per day of the window: active users (DAU), users active in the 30 days ending that
   * day (MAU), suggestions offered, accepted and dismissed that day, and the Workflow subgraph's
   * numbers. Only connected tools' events with a user count as activity.
   */
  async writeDailyActivity(window: AggregateWindow, workflow: WorkflowActivity['days']): Promise<void> {
    const { orgId, from, to } = window;
    const start = dayStart(from);
    const end = dayStart(addDays(to, 1));
    const activeSince = dayStart(addDays(from, -(MAU_DAYS - 1)));
    await this.em.execute(
      `with days as (
         select ?::date + i as day from generate_series(0, ?::int) i
       ), active as (
         select distinct user_id, (occurred_at at time zone 'UTC')::date as day
         from analytics.events
         where org_id = ? and user_id is not null and tool <> ? and occurred_at >= ? and occurred_at < ?
       ), dau as (
         select day, count(*)::int as n from active group by day
       ), mau as (
         select d.day, count(distinct a.user_id)::int as n
         from days d join active a on a.day between d.day - ${MAU_DAYS - 1} and d.day
         group by d.day
       ), suggestion_days as (
         select (offered_at at time zone 'UTC')::date as day, 1 as offered, 0 as accepted, 0 as dismissed
         from analytics.suggestions where org_id = ? and offered_at >= ? and offered_at < ?
         union all
         select (accepted_at at time zone 'UTC')::date, 0, 1, 0
         from analytics.suggestions where org_id = ? and accepted_at >= ? and accepted_at < ?
         union all
         select (dismissed_at at time zone 'UTC')::date, 0, 0, 1
         from analytics.suggestions where org_id = ? and dismissed_at >= ? and dismissed_at < ?
       ), suggestions as (
         select day, sum(offered)::int as offered, sum(accepted)::int as accepted, sum(dismissed)::int as dismissed
         from suggestion_days group by day
       ), workflow as (
         select * from jsonb_to_recordset(?::jsonb)
           as w(day date, "workflowsCreated" int, "executionsSucceeded" int, "executionsFailed" int)
       )
       insert into analytics.daily_activity as a (
         org_id, day, active_users, monthly_active_users, workflows_created, executions_succeeded,
         executions_failed, suggestions_offered, suggestions_accepted, suggestions_dismissed, computed_at
       )
       select ?, days.day, coalesce(dau.n, 0), coalesce(mau.n, 0), coalesce(w."workflowsCreated", 0),
         coalesce(w."executionsSucceeded", 0), coalesce(w."executionsFailed", 0),
         coalesce(s.offered, 0), coalesce(s.accepted, 0), coalesce(s.dismissed, 0), now()
       from days
         left join dau using (day) left join mau using (day) left join suggestions s using (day)
         left join workflow w using (day)
       on conflict (org_id, day) do update set
         active_users = excluded.active_users, monthly_active_users = excluded.monthly_active_users,
         workflows_created = excluded.workflows_created, executions_succeeded = excluded.executions_succeeded,
         executions_failed = excluded.executions_failed, suggestions_offered = excluded.suggestions_offered,
         suggestions_accepted = excluded.suggestions_accepted, suggestions_dismissed = excluded.suggestions_dismissed,
         computed_at = excluded.computed_at
       where (a.active_users, a.monthly_active_users, a.workflows_created, a.executions_succeeded, a.executions_failed,
              a.suggestions_offered, a.suggestions_accepted, a.suggestions_dismissed)
         is distinct from
             (excluded.active_users, excluded.monthly_active_users, excluded.workflows_created, excluded.executions_succeeded,
              excluded.executions_failed, excluded.suggestions_offered, excluded.suggestions_accepted, excluded.suggestions_dismissed)`,
      [
        from,
        daysBetween(from, to),
        orgId,
        PLATFORM_TOOL,
        activeSince,
        end,
        orgId,
        start,
        end,
        orgId,
        start,
        end,
        orgId,
        start,
        end,
        JSON.stringify(workflow),
        orgId,
      ],
    );
  }

  /**
   * When each member reached each activation step. Joins and first events are looked for in
   * the window's events, workflow steps come from Workflow (whole history); a milestone only
   * ever moves earlier, so Analytics' event retention never erases one.
   */
  async writeMilestones(window: AggregateWindow, owners: WorkflowActivity['users']): Promise<void> {
    const { orgId, from, to } = window;
    const start = dayStart(from);
    const end = dayStart(addDays(to, 1));
    await this.em.execute(
      `with joined as (
         select user_id, min(occurred_at) as at from analytics.events
         where org_id = ? and tool = ? and event_type in (?) and user_id is not null and occurred_at >= ? and occurred_at < ?
         group by user_id
       ), first_events as (
         select user_id, min(occurred_at) as at from analytics.events
         where org_id = ? and tool <> ? and user_id is not null and occurred_at >= ? and occurred_at < ?
         group by user_id
       ), owners as (
         select * from jsonb_to_recordset(?::jsonb)
           as w("userId" uuid, "firstWorkflowAt" timestamptz, "firstSuccessfulRunAt" timestamptz)
       ), users as (
         select user_id from joined union select user_id from first_events union select "userId" from owners
       )
       insert into analytics.user_milestones as m (org_id, user_id, signed_up_at, first_event_at, first_workflow_at, first_successful_run_at)
       select ?, u.user_id, j.at, e.at, o."firstWorkflowAt", o."firstSuccessfulRunAt"
       from users u
         left join joined j using (user_id) left join first_events e using (user_id)
         left join owners o on o."userId" = u.user_id
       on conflict (org_id, user_id) do update set
         signed_up_at = least(m.signed_up_at, excluded.signed_up_at),
         first_event_at = least(m.first_event_at, excluded.first_event_at),
         first_workflow_at = least(m.first_workflow_at, excluded.first_workflow_at),
         first_successful_run_at = least(m.first_successful_run_at, excluded.first_successful_run_at)
       where (m.signed_up_at, m.first_event_at, m.first_workflow_at, m.first_successful_run_at)
         is distinct from
             (least(m.signed_up_at, excluded.signed_up_at), least(m.first_event_at, excluded.first_event_at),
              least(m.first_workflow_at, excluded.first_workflow_at), least(m.first_successful_run_at, excluded.first_successful_run_at))`,
      [orgId, PLATFORM_TOOL, JOIN_EVENT_TYPES, start, end, orgId, PLATFORM_TOOL, start, end, JSON.stringify(owners), orgId],
    );
  }
}
