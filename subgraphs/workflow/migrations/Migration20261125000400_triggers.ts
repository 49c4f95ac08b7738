import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/** Triggers (manual, cron, webhook, event) and the webhook deliveries seen, for replay protection. */
export class Migration20261125000400_triggers extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table workflow.triggers (
      id uuid primary key,
      org_id uuid not null,
      workflow_id uuid not null references workflow.workflows (id) on delete cascade,
      kind text not null check (kind in ('manual', 'cron', 'webhook', 'event')),
      enabled boolean not null default true,
      config jsonb not null default '{}',
      -- AES-256-GCM ciphertext of the signing secret (webhook triggers only); see webhook-secret.cipher.ts
      webhook_secret text,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      constraint triggers_webhook_secret check ((kind = 'webhook') = (webhook_secret is not null))
    )`);
    this.addSql(`create index idx_triggers_workflow on workflow.triggers (workflow_id, created_at, id)`);
    // The event consumer's lookup: an organization's enabled event triggers.
    this.addSql(`create index idx_triggers_org_event on workflow.triggers (org_id) where kind = 'event' and enabled`);

    // One row per (trigger, delivery id): inserted in the same transaction as the execution it
    // started, so a replayed or doubled delivery finds the row (or waits on it) and starts nothing.
    this.addSql(`create table workflow.webhook_deliveries (
      trigger_id uuid not null references workflow.triggers (id) on delete cascade,
      delivery_id text not null,
      org_id uuid not null,
      received_at timestamptz(3) not null default now(),
      execution_id uuid,
      primary key (trigger_id, delivery_id)
    )`);

    for (const table of ['workflow.triggers', 'workflow.webhook_deliveries']) {
      for (const sql of orgIsolationPolicy(table)) this.addSql(sql);
    }
    this.addSql(`grant select, insert, update, delete on workflow.triggers to ${role}`);
    this.addSql(`grant select, insert, update on workflow.webhook_deliveries to ${role}`);

    // Two cross-organization reads the application role cannot do under row-level security:
    // the scheduler's reconcile (every cron trigger that should be scheduled) and the webhook
    // route's lookup (a delivery carries no identity, only the trigger id in its URL). Each
    // returns only what its caller needs. plpgsql, so the body binds to workflows.deleted_at
    // when run rather than when created.
    this.addSql(`create function workflow.schedulable_cron_triggers()
      returns table (id uuid, org_id uuid, workflow_id uuid, pattern text, timezone text)
      language plpgsql stable security definer set search_path = workflow, pg_temp as $$
      begin
        return query
          select t.id, t.org_id, t.workflow_id, t.config->>'pattern', coalesce(t.config->>'timezone', 'UTC')
          from workflow.triggers t join workflow.workflows w on w.id = t.workflow_id
          where t.kind = 'cron' and t.enabled and w.is_active and w.deleted_at is null;
      end
      $$`);
    this.addSql(`create function workflow.webhook_trigger_target(trigger_id uuid)
      returns table (org_id uuid, workflow_id uuid, webhook_secret text)
      language plpgsql stable security definer set search_path = workflow, pg_temp as $$
      begin
        return query
          select t.org_id, t.workflow_id, t.webhook_secret
          from workflow.triggers t join workflow.workflows w on w.id = t.workflow_id
          where t.id = webhook_trigger_target.trigger_id and t.kind = 'webhook' and t.enabled
            and w.is_active and w.deleted_at is null;
      end
      $$`);
    for (const fn of ['schedulable_cron_triggers()', 'webhook_trigger_target(uuid)']) {
      this.addSql(`revoke all on function workflow.${fn} from public`);
      this.addSql(`grant execute on function workflow.${fn} to ${role}`);
    }
  }
}
