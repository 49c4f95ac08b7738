import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

export class Migration20261125000100_workflows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table workflow.workflows (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid not null,
      name text not null,
      is_active boolean not null default false,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now()
    )`);
    // architecture-target.md §4.1
    this.addSql(`create index idx_workflows_user_active on workflow.workflows (user_id, is_active) where is_active = true`);
    this.addSql(`create index idx_workflows_user_created on workflow.workflows (user_id, created_at desc, id desc)`);
    for (const sql of orgIsolationPolicy('workflow.workflows')) this.addSql(sql);
    for (const sql of appGrants('workflow', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
