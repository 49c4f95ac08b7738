import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

export class Migration20261125000300_events extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table core.events (
      id uuid primary key,
      org_id uuid not null references core.organizations (id) on delete cascade,
      user_id uuid references core.users (id) on delete set null,
      idempotency_key text not null,
      event_type text not null,
      tool text not null,
      occurred_at timestamptz(3) not null,
      payload jsonb not null,
      created_at timestamptz(3) not null default now(),
      constraint events_idempotency unique (org_id, idempotency_key)
    )`);
    // Keyset pagination: newest first within an organization.
    this.addSql(`create index idx_events_org_occurred on core.events (org_id, occurred_at desc, id desc)`);
    // architecture-target.md §4.1
    this.addSql(`create index idx_events_type on core.events (event_type) where event_type is not null`);
    this.addSql(`create index idx_events_tool on core.events (tool) where tool is not null`);
    for (const sql of orgIsolationPolicy('core.events')) this.addSql(sql);
    // Events are immutable for the application: it reads and inserts; only retention deletes.
    this.addSql(`grant select, insert on core.events to ${role}`);

    // Retention (architecture-target.md §4.2) crosses organizations, which the application role
    // cannot see; these two narrow functions run as the owner and only delete expired rows.
    this.addSql(`create function core.purge_expired_events(batch_size int) returns int
      language sql security definer set search_path = core, pg_temp as $$
        with doomed as (
          select e.id from core.events e join core.organizations o on o.id = e.org_id
          where e.occurred_at < now() - make_interval(days => o.event_retention_days)
          limit batch_size
        )
        , deleted as (delete from core.events where id in (select id from doomed) returning 1)
        select count(*)::int from deleted
      $$`);
    this.addSql(`create function core.purge_expired_audit_entries(keep_days int, batch_size int) returns int
      language sql security definer set search_path = core, pg_temp as $$
        with doomed as (
          select id from core.audit_log where created_at < now() - make_interval(days => keep_days) limit batch_size
        )
        , deleted as (delete from core.audit_log where id in (select id from doomed) returning 1)
        select count(*)::int from deleted
      $$`);
    for (const fn of ['purge_expired_events(int)', 'purge_expired_audit_entries(int, int)']) {
      this.addSql(`revoke all on function core.${fn} from public`);
      this.addSql(`grant execute on function core.${fn} to ${role}`);
    }
  }
}
