import { Migration } from '@mikro-orm/migrations';
import { loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * Provider webhook secrets: one per integration, generated when an admin first asks for it,
 * encrypted under the keyring (AAD `webhook:<integrationId>`). Deliveries arrive without an
 * organization scope, so the route finds its integration through a narrow SECURITY DEFINER lookup.
 */
export class Migration20261206000800_webhook_secrets extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create table integration.webhook_secrets (
      integration_id uuid primary key references integration.user_integrations (id) on delete cascade,
      org_id uuid not null,
      secret text not null,
      created_at timestamptz(3) not null default now()
    )`);
    for (const sql of orgIsolationPolicy('integration.webhook_secrets')) this.addSql(sql);
    this.addSql(`grant select, insert, update, delete on integration.webhook_secrets to ${role}`);

    // What a delivery needs, by the id in its URL: whose integration it is, its connector and
    // status (the route answers 404 unless connected), and the encrypted secret (null: none yet).
    this.addSql(`create function integration.webhook_target(target uuid)
      returns table (org_id uuid, user_id uuid, provider text, status text, secret text)
      language sql stable security definer set search_path = integration, pg_temp as $$
        select i.org_id, i.user_id, i.provider, i.status, w.secret
        from integration.user_integrations i left join integration.webhook_secrets w on w.integration_id = i.id
        where i.id = target
      $$`);
    // The re-encryption job, like the credentials' pair: batches by id, compare-and-set writes.
    this.addSql(`create function integration.webhook_secrets_after(after_id uuid, batch_size int)
      returns table (integration_id uuid, secret text)
      language sql stable security definer set search_path = integration, pg_temp as $$
        select w.integration_id, w.secret from integration.webhook_secrets w
        where w.integration_id > after_id order by w.integration_id limit batch_size
      $$`);
    this.addSql(`create function integration.replace_webhook_secret(target uuid, expected text, replacement text)
      returns boolean
      language sql security definer set search_path = integration, pg_temp as $$
        with replaced as (
          update integration.webhook_secrets w set secret = replacement
          where w.integration_id = target and w.secret = expected returning 1
        )
        select exists (select 1 from replaced)
      $$`);
    for (const fn of ['webhook_target(uuid)', 'webhook_secrets_after(uuid, int)', 'replace_webhook_secret(uuid, text, text)']) {
      this.addSql(`revoke all on function integration.${fn} from public`);
      this.addSql(`grant execute on function integration.${fn} to ${role}`);
    }
  }
}
