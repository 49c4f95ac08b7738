import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Executions and their step runs: the engine's durable progress (BullMQ job data holds ids only). */
export class Migration20261125000300_executions extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table workflow.executions (
      id uuid primary key,
      org_id uuid not null,
      workflow_id uuid not null references workflow.workflows (id) on delete cascade,
      version int not null,
      status text not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      trigger_kind text not null check (trigger_kind in ('manual', 'cron', 'webhook', 'event')),
      trigger_id uuid,
      idempotency_key text check (length(idempotency_key) between 1 and 200),
      input jsonb not null default '{}',
      output jsonb,
      error text,
      rerun_of uuid references workflow.executions (id),
      started_by uuid,
      -- set by cancelExecution; the worker stops before the next step
      cancel_requested_at timestamptz(3),
      queued_at timestamptz(3) not null default now(),
      started_at timestamptz(3),
      finished_at timestamptz(3),
      -- null keys are distinct, so executions without a key never collide
      constraint executions_idempotency unique (workflow_id, idempotency_key)
    )`);
    // The executions connection (newest first, optionally by status) and Workflow.latestExecution.
    this.addSql(`create index idx_executions_workflow_queued on workflow.executions (workflow_id, queued_at desc, id desc)`);
    this.addSql(`create index idx_executions_workflow_status on workflow.executions (workflow_id, status, queued_at desc, id desc)`);
    // The sweeper's scan: few rows are ever queued.
    this.addSql(`create index idx_executions_queued on workflow.executions (queued_at) where status = 'queued'`);

    this.addSql(`create table workflow.step_runs (
      id uuid primary key,
      org_id uuid not null,
      execution_id uuid not null references workflow.executions (id) on delete cascade,
      step_id text not null,
      type text not null,
      status text not null check (status in ('pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')),
      attempts int not null default 0,
      input jsonb,
      output jsonb,
      error text,
      -- when a waiting step (delay, retry backoff) may go on
      resume_at timestamptz(3),
      started_at timestamptz(3),
      finished_at timestamptz(3),
      duration_ms int,
      constraint step_runs_execution_step unique (execution_id, step_id)
    )`);

    for (const table of ['workflow.executions', 'workflow.step_runs']) {
      for (const sql of orgIsolationPolicy(table)) this.addSql(sql);
      this.addSql(`grant select, insert, update on ${table} to ${role}`);
    }

    // The sweeper works across organizations: executions committed as queued whose job was never
    // added (the process died between commit and enqueue). Returns ids only.
    this.addSql(`create function workflow.stale_queued_executions(older_than_ms int, max_rows int)
      returns table (id uuid, org_id uuid)
      language sql stable security definer set search_path = workflow, pg_temp as $$
        select e.id, e.org_id from workflow.executions e
        where e.status = 'queued' and e.queued_at < now() - make_interval(secs => older_than_ms / 1000.0)
        order by e.queued_at limit max_rows
      $$`);
    this.addSql(`revoke all on function workflow.stale_queued_executions(int, int) from public`);
    this.addSql(`grant execute on function workflow.stale_queued_executions(int, int) to ${role}`);
  }
}
