import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * Analytics' own copy of Core's event stream (Core keeps events 90 days; patterns and reports
 * outlive that), the organizations it has seen, and what the miner adds to a pattern.
 */
export class Migration20261125000400_event_copy extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    // Written once per event id: a redelivered stream entry inserts nothing.
    this.addSql(`create table analytics.events (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid,
      tool text not null,
      event_type text not null,
      occurred_at timestamptz(3) not null,
      attributes jsonb not null default '{}'::jsonb check (jsonb_typeof(attributes) = 'object'),
      received_at timestamptz(3) not null default now()
    )`);
    // Serves sessionizing (a user's events in time order) and per-organization reports.
    this.addSql(`create index idx_analytics_events_user_time on analytics.events (org_id, user_id, occurred_at)`);
    this.addSql(`create index idx_analytics_events_org_time on analytics.events (org_id, occurred_at)`);
    for (const sql of orgIsolationPolicy('analytics.events')) this.addSql(sql);

    this.addSql(`create table analytics.organizations (
      org_id uuid primary key,
      first_event_at timestamptz(3) not null,
      last_event_at timestamptz(3) not null
    )`);
    for (const sql of orgIsolationPolicy('analytics.organizations')) this.addSql(sql);
    // The nightly jobs run per organization; listing them crosses organizations, so only this narrow function may.
    this.addSql(`create function analytics.organization_ids() returns setof uuid
      language sql stable security definer set search_path = analytics, pg_temp
      as $$ select org_id from analytics.organizations order by org_id $$`);
    this.addSql(`revoke all on function analytics.organization_ids() from public`);
    this.addSql(`grant execute on function analytics.organization_ids() to ${role}`);

    // One row per (user, sequence): the key is the sequence in canonical text form.
    this.addSql(`create function analytics.pattern_key(sequence jsonb) returns text
      language sql immutable strict parallel safe
      as $$ select string_agg((step->>'tool') || '/' || (step->>'eventType'), '>' order by ordinality)
            from jsonb_array_elements(sequence) with ordinality as steps(step, ordinality) $$`);
    this.addSql(`alter table analytics.patterns
      add column key text generated always as (analytics.pattern_key(sequence)) stored,
      add column active boolean not null default true,
      add column examples jsonb not null default '[]'::jsonb check (jsonb_typeof(examples) = 'array'),
      add column support_last_week int not null default 0 check (support_last_week >= 0),
      add column support_previous_week int not null default 0 check (support_previous_week >= 0),
      add column updated_at timestamptz(3) not null default now()`);
    this.addSql(`create unique index uq_patterns_user_key on analytics.patterns (org_id, user_id, key)`);
    // User.patterns lists the patterns the latest mining still finds.
    this.addSql(`drop index analytics.idx_patterns_user_support`);
    this.addSql(`create index idx_patterns_user_support on analytics.patterns (user_id, support desc, id desc) where active`);
    for (const sql of appGrants('analytics', role)) this.addSql(sql);
  }
}
