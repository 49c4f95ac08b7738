import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

export class Migration20261125000200_user_integrations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table integration.user_integrations (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid not null,
      provider text not null check (provider in ('github', 'gitlab', 'slack', 'teams', 'google_drive', 'dropbox', 's3', 'http')),
      display_name text not null check (length(display_name) between 1 and 100),
      is_active boolean not null default true,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`);
    // architecture-target.md §4.1
    this.addSql(`create index idx_integrations_user_active on integration.user_integrations (user_id, is_active) where is_active = true`);
    // Serves User.integrations (all of a user's rows, active first, newest first).
    this.addSql(
      `create index idx_integrations_user_created on integration.user_integrations (user_id, is_active desc, created_at desc, id desc)`,
    );
    for (const sql of orgIsolationPolicy('integration.user_integrations')) this.addSql(sql);
    for (const sql of appGrants('integration', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
