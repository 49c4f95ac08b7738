import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Suggestions: at most one per pattern, reopened in place when a dismissed pattern grows. */
export class Migration20261125000500_suggestions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics.suggestions (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid not null,
      pattern_id uuid not null references analytics.patterns (id) on delete cascade,
      template_id text not null,
      status text not null check (status in ('open', 'accepted', 'dismissed')),
      title text not null,
      explanation text not null,
      parameters jsonb not null default '{}'::jsonb check (jsonb_typeof(parameters) = 'object'),
      estimated_minutes_saved_per_week int not null check (estimated_minutes_saved_per_week >= 0),
      support_at_offer int not null,
      offered_at timestamptz(3) not null,
      dismissed_at timestamptz(3),
      support_at_dismissal int,
      accepted_at timestamptz(3),
      workflow_id uuid,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      check (status <> 'accepted' or (accepted_at is not null and workflow_id is not null)),
      check (status <> 'dismissed' or (dismissed_at is not null and support_at_dismissal is not null))
    )`);
    this.addSql(`create unique index uq_suggestions_pattern on analytics.suggestions (pattern_id)`);
    // Serves User.suggestions: a user's suggestions, newest offer first, keyset-paged.
    this.addSql(`create index idx_suggestions_user_offered on analytics.suggestions (user_id, offered_at desc, id desc)`);
    for (const sql of orgIsolationPolicy('analytics.suggestions')) this.addSql(sql);
    for (const sql of appGrants('analytics', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
