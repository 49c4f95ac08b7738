import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * Workflow details, immutable versions, publishing and soft delete. A workflow row carries the
 * numbers of its newest and live versions; the versions themselves never change once written.
 */
export class Migration20261125000200_versions extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`alter table workflow.workflows
      add column description text not null default '',
      add column tags text[] not null default '{}',
      add column concurrency_limit int not null default 5 check (concurrency_limit between 1 and 100),
      add column live_version int null,
      add column latest_version int not null default 1 check (latest_version >= 1),
      add column deleted_at timestamptz(3) null,
      add constraint workflows_live_version check (live_version is null or live_version between 1 and latest_version)`);
    // One index per allow-listed order of `workflows` (architecture-target.md §4.1: keyset pages).
    this.addSql(`create index idx_workflows_org_created on workflow.workflows (org_id, created_at desc, id desc) where deleted_at is null`);
    this.addSql(`create index idx_workflows_org_updated on workflow.workflows (org_id, updated_at desc, id desc) where deleted_at is null`);
    this.addSql(`create index idx_workflows_org_name on workflow.workflows (org_id, name, id) where deleted_at is null`);
    this.addSql(`create index idx_workflows_tags on workflow.workflows using gin (tags)`);
    this.addSql(`create index idx_workflows_deleted on workflow.workflows (deleted_at) where deleted_at is not null`);

    this.addSql(`create table workflow.workflow_versions (
      id uuid primary key,
      org_id uuid not null,
      workflow_id uuid not null references workflow.workflows (id) on delete cascade,
      version int not null check (version >= 1),
      definition jsonb not null,
      created_by uuid not null,
      created_at timestamptz(3) not null default now(),
      constraint workflow_versions_number unique (workflow_id, version)
    )`);
    // Workflows saved before versions existed get an empty version 1, so latest_version holds.
    this.addSql(`insert into workflow.workflow_versions (id, org_id, workflow_id, version, definition, created_by, created_at)
      select gen_random_uuid(), org_id, id, 1, '{"steps": [], "edges": []}'::jsonb, user_id, created_at from workflow.workflows`);
    for (const sql of orgIsolationPolicy('workflow.workflow_versions')) this.addSql(sql);

    // Versions are immutable for the application: it reads and inserts. A statement trigger still
    // refuses UPDATE/DELETE should a later blanket grant (appGrants) give them back; the purge
    // runs as the owner (SECURITY DEFINER) and cascades from workflows, which the trigger allows.
    this.addSql(`grant select, insert on workflow.workflow_versions to ${role}`);
    this.addSql(`create function workflow.workflow_versions_immutable() returns trigger language plpgsql as $$
       begin
         if current_user = '${role}' then raise exception 'workflow_versions are immutable' using errcode = '42501'; end if;
         return null;
       end $$`);
    this.addSql(`create trigger workflow_versions_immutable before update or delete or truncate on workflow.workflow_versions
       for each statement execute function workflow.workflow_versions_immutable()`);
    // Deletion is soft for the application (deleted_at); only the purge removes rows.
    this.addSql(`revoke delete, truncate on workflow.workflows from ${role}`);

    // The daily purge crosses organizations, which the application role cannot see: this narrow
    // function runs as the owner and only removes workflows soft-deleted more than keep_days ago
    // (their versions, triggers and executions go with them by cascade).
    this.addSql(`create function workflow.purge_deleted_workflows(keep_days int, batch_size int) returns int
      language sql security definer set search_path = workflow, pg_temp as $$
        with doomed as (
          select id from workflow.workflows
          where deleted_at is not null and deleted_at < now() - make_interval(days => keep_days)
          limit batch_size
        )
        , deleted as (delete from workflow.workflows where id in (select id from doomed) returning 1)
        select count(*)::int from deleted
      $$`);
    this.addSql(`revoke all on function workflow.purge_deleted_workflows(int, int) from public`);
    this.addSql(`grant execute on function workflow.purge_deleted_workflows(int, int) to ${role}`);
  }
}
