import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * Connections that act: an integration's lifecycle (`status`), its credentials encrypted at rest
 * under the keyring, and the ledger that runs a connector action once per idempotency key.
 */
export class Migration20261206000500_connectors extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    // pending: an OAuth flow was started and not completed; disconnected: credentials revoked and removed.
    this.addSql(`alter table integration.user_integrations
      add column status text not null default 'connected' check (status in ('pending', 'connected', 'disconnected')),
      add column disconnected_at timestamptz(3)`);
    // Serves the step's lookup: the organization's connected integration of a connector, newest first.
    this.addSql(
      `create index idx_integrations_org_provider on integration.user_integrations (org_id, provider, created_at desc) where status = 'connected'`,
    );

    // `secret` is SecretKeyring ciphertext (k1:<keyId>.…) of the credentials' JSON, bound to the integration id.
    this.addSql(`create table integration.credentials (
      integration_id uuid primary key references integration.user_integrations (id) on delete cascade,
      org_id uuid not null,
      secret text not null,
      expires_at timestamptz(3),
      updated_at timestamptz(3) not null default now()
    )`);
    for (const sql of orgIsolationPolicy('integration.credentials')) this.addSql(sql);

    // One row per idempotency key: `running` while a call is in flight (a lease), `succeeded` with its output.
    this.addSql(`create table integration.action_calls (
      org_id uuid not null,
      idempotency_key text not null check (length(idempotency_key) between 1 and 200),
      integration_id uuid not null,
      connector text not null,
      action text not null,
      status text not null check (status in ('running', 'succeeded')),
      output jsonb,
      started_at timestamptz(3) not null default now(),
      finished_at timestamptz(3),
      primary key (org_id, idempotency_key)
    )`);
    // Retention: finished calls are purged after ACTION_CALLS_RETENTION_DAYS (by started_at).
    this.addSql(`create index idx_action_calls_started on integration.action_calls (started_at)`);
    for (const sql of orgIsolationPolicy('integration.action_calls')) this.addSql(sql);
    for (const sql of appGrants('integration', role)) this.addSql(sql);

    // The re-encryption job reads every organization's credentials (RLS hides them from the
    // application role) in batches by id and writes each back only if unchanged (compare-and-set).
    this.addSql(`create function integration.credentials_after(after_id uuid, batch_size int)
      returns table (integration_id uuid, secret text)
      language sql stable security definer set search_path = integration, pg_temp as $$
        select c.integration_id, c.secret from integration.credentials c
        where c.integration_id > after_id order by c.integration_id limit batch_size
      $$`);
    this.addSql(`create function integration.replace_credential(target uuid, expected text, replacement text)
      returns boolean
      language sql security definer set search_path = integration, pg_temp as $$
        with replaced as (
          update integration.credentials c set secret = replacement
          where c.integration_id = target and c.secret = expected returning 1
        )
        select exists (select 1 from replaced)
      $$`);
    for (const fn of ['credentials_after(uuid, int)', 'replace_credential(uuid, text, text)']) {
      this.addSql(`revoke all on function integration.${fn} from public`);
      this.addSql(`grant execute on function integration.${fn} to ${role}`);
    }
  }
}
