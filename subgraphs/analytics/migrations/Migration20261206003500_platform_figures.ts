import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * The business figures of the whole platform for the worker's `/metrics` (architecture target
 * §8.2): one day's daily aggregates summed over organizations, the organizations using each tool,
 * and the 30-day activation funnel. Sums only, never an organization's row: RLS hides those from
 * the application role, so only this narrow function crosses organizations. Indexes by day keep
 * it from reading every organization's history.
 */
export class Migration20261206003500_platform_figures extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create index idx_daily_activity_day on analytics.daily_activity (day)`);
    this.addSql(`create index idx_daily_tool_events_day on analytics.daily_tool_events (day)`);
    this.addSql(`create index idx_user_milestones_signed_up_at on analytics.user_milestones (signed_up_at)`);
    this.addSql(`create function analytics.platform_figures(on_day date)
      returns table (figure text, tool text, value bigint)
      language sql stable security definer set search_path = analytics, pg_temp as $$
        with day as (
          select coalesce(sum(active_users), 0) as active_users,
                 coalesce(sum(monthly_active_users), 0) as monthly_active_users,
                 coalesce(sum(workflows_created), 0) as workflows_created,
                 coalesce(sum(executions_succeeded), 0) as executions_succeeded,
                 coalesce(sum(executions_failed), 0) as executions_failed,
                 coalesce(sum(suggestions_offered), 0) as suggestions_offered,
                 coalesce(sum(suggestions_accepted), 0) as suggestions_accepted,
                 coalesce(sum(suggestions_dismissed), 0) as suggestions_dismissed,
                 count(*) filter (where active_users > 0) as active_organizations
          from analytics.daily_activity where day = on_day
        ), joined as (
          select * from analytics.user_milestones
          where signed_up_at >= on_day - 29 and signed_up_at < on_day + 1
        )
        select f.figure, null::text, f.value from day, lateral (values
          ('active_users', day.active_users), ('monthly_active_users', day.monthly_active_users),
          ('workflows_created', day.workflows_created), ('executions_succeeded', day.executions_succeeded),
          ('executions_failed', day.executions_failed), ('suggestions_offered', day.suggestions_offered),
          ('suggestions_accepted', day.suggestions_accepted), ('suggestions_dismissed', day.suggestions_dismissed),
          ('active_organizations', day.active_organizations)
        ) as f(figure, value)
        union all
        select 'tool_organizations', t.tool, count(distinct t.org_id)
        from analytics.daily_tool_events t where t.day = on_day group by t.tool
        union all
        select s.step, null, s.members from (
          select 'funnel_joined' as step, count(*) as members from joined
          union all select 'funnel_first_event', count(*) from joined where first_event_at is not null
          union all select 'funnel_first_workflow', count(*) from joined
            where first_event_at is not null and first_workflow_at is not null
          union all select 'funnel_first_successful_run', count(*) from joined
            where first_event_at is not null and first_workflow_at is not null and first_successful_run_at is not null
        ) s
      $$`);
    this.addSql(`revoke all on function analytics.platform_figures(date) from public`);
    this.addSql(`grant execute on function analytics.platform_figures(date) to ${role}`);
  }
}
