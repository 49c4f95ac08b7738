import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * Integration health: the current status on the integration, a short history of checks, and the
 * owner-run functions the worker reads and purges every organization's rows with.
 */
export class Migration20261206000700_integration_health extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    const statuses = `('healthy', 'degraded', 'failing', 'disconnected')`;
    // Null until the first check. `health_unavailable_streak`: consecutive outages, which turn degraded into failing.
    this.addSql(`alter table integration.user_integrations
      add column health_status text check (health_status in ${statuses}),
      add column health_error text check (length(health_error) <= 500),
      add column health_checked_at timestamptz(3),
      add column health_unavailable_streak int not null default 0`);

    this.addSql(`create table integration.health_checks (
      id bigint generated always as identity primary key,
      org_id uuid not null,
      integration_id uuid not null references integration.user_integrations (id) on delete cascade,
      status text not null check (status in ${statuses}),
      error text check (length(error) <= 500),
      duration_ms int,
      checked_at timestamptz(3) not null
    )`);
    // Serves an integration's history (newest first) and the pruning to its last checks.
    this.addSql(`create index idx_health_checks_integration on integration.health_checks (integration_id, checked_at desc, id desc)`);
    // Serves the retention purge.
    this.addSql(`create index idx_health_checks_checked on integration.health_checks (checked_at)`);
    for (const sql of orgIsolationPolicy('integration.health_checks')) this.addSql(sql);
    for (const sql of appGrants('integration', role)) this.addSql(sql);

    // The scheduled check walks every organization's integrations (RLS hides them from the
    // application role): ids and owners only, in batches by id; each check then runs in a
    // transaction scoped to the integration's organization. Connected ones, and disconnected
    // ones whose health does not say so yet (never-checked old ones are left alone).
    this.addSql(`create function integration.integrations_to_check(after_id uuid, batch_size int)
      returns table (id uuid, org_id uuid, user_id uuid)
      language sql stable security definer set search_path = integration, pg_temp as $$
        select i.id, i.org_id, i.user_id from integration.user_integrations i
        where i.id > after_id
          and (i.status = 'connected' or (i.status = 'disconnected' and i.health_status <> 'disconnected'))
        order by i.id limit batch_size
      $$`);
    // Retention purges across organizations, in batches (like workflow.purge_webhook_deliveries).
    this.addSql(`create function integration.purge_action_calls(keep_days int, batch_size int) returns int
      language sql security definer set search_path = integration, pg_temp as $$
        with doomed as (
          select org_id, idempotency_key from integration.action_calls
          where started_at < now() - make_interval(days => keep_days) limit batch_size
        ), deleted as (
          delete from integration.action_calls a using doomed
          where a.org_id = doomed.org_id and a.idempotency_key = doomed.idempotency_key returning 1
        )
        select count(*)::int from deleted
      $$`);
    this.addSql(`create function integration.purge_health_checks(keep_days int, batch_size int) returns int
      language sql security definer set search_path = integration, pg_temp as $$
        with doomed as (
          select id from integration.health_checks
          where checked_at < now() - make_interval(days => keep_days) limit batch_size
        ), deleted as (
          delete from integration.health_checks h using doomed where h.id = doomed.id returning 1
        )
        select count(*)::int from deleted
      $$`);
    for (const fn of ['integrations_to_check(uuid, int)', 'purge_action_calls(int, int)', 'purge_health_checks(int, int)']) {
      this.addSql(`revoke all on function integration.${fn} from public`);
      this.addSql(`grant execute on function integration.${fn} to ${role}`);
    }
  }
}
