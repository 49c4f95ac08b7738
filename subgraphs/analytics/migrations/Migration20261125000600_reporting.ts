import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Daily aggregates behind the product dashboards (architecture-target.md §8.2), kept forever. */
export class Migration20261125000600_reporting extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics.daily_tool_events (
      org_id uuid not null,
      day date not null,
      tool text not null,
      events int not null check (events >= 0),
      primary key (org_id, day, tool)
    )`);
    this.addSql(`create table analytics.daily_activity (
      org_id uuid not null,
      day date not null,
      active_users int not null default 0,
      monthly_active_users int not null default 0,
      workflows_created int not null default 0,
      executions_succeeded int not null default 0,
      executions_failed int not null default 0,
      suggestions_offered int not null default 0,
      suggestions_accepted int not null default 0,
      suggestions_dismissed int not null default 0,
      computed_at timestamptz(3) not null default now(),
      primary key (org_id, day)
    )`);
    // The activation funnel: when each member reached each step (null: not yet).
    this.addSql(`create table analytics.user_milestones (
      org_id uuid not null,
      user_id uuid not null,
      signed_up_at timestamptz(3),
      first_event_at timestamptz(3),
      first_workflow_at timestamptz(3),
      first_successful_run_at timestamptz(3),
      primary key (org_id, user_id)
    )`);
    // The funnel counts the members who signed up in the report's period.
    this.addSql(`create index idx_user_milestones_signed_up on analytics.user_milestones (org_id, signed_up_at)`);
    for (const table of ['analytics.daily_tool_events', 'analytics.daily_activity', 'analytics.user_milestones']) {
      for (const sql of orgIsolationPolicy(table)) this.addSql(sql);
    }
    for (const sql of appGrants('analytics', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
