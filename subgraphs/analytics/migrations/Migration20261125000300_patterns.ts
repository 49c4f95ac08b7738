import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

export class Migration20261125000300_patterns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table analytics.patterns (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid not null,
      sequence jsonb not null check (jsonb_typeof(sequence) = 'array' and jsonb_array_length(sequence) > 0),
      support int not null check (support >= 0),
      confidence double precision not null check (confidence between 0 and 1),
      first_seen_at timestamptz(3) not null,
      last_seen_at timestamptz(3) not null,
      created_at timestamptz(3) not null default now(),
      check (first_seen_at <= last_seen_at)
    )`);
    // Serves User.patterns: a user's patterns by support, keyset-paged on (support, id).
    this.addSql(`create index idx_patterns_user_support on analytics.patterns (user_id, support desc, id desc)`);
    for (const sql of orgIsolationPolicy('analytics.patterns')) this.addSql(sql);
    for (const sql of appGrants('analytics', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
