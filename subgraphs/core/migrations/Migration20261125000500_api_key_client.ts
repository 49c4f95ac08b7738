import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * API keys may be bound to a client application (trusted documents): the gateway then runs only
 * the operations in that client's manifest for the key. Null for keys that are not bound.
 * `core.use_api_key` returns the name so verification stays one statement.
 */
export class Migration20261125000500_api_key_client extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    // The same rule as the service, so a row written around it cannot name an unusable client.
    this.addSql(`alter table core.api_keys add column client_name text
      constraint api_keys_client_name_format check (client_name ~ '^[a-z0-9][a-z0-9-]{0,62}$')`);
    // The result type changes, which `create or replace` cannot do.
    this.addSql(`drop function core.use_api_key(text)`);
    this.addSql(`create function core.use_api_key(p_hash text)
       returns table (id uuid, org_id uuid, created_by uuid, role text, scopes text[], creator_role text, client_name text)
       language sql volatile security definer set search_path = core, pg_temp as $$
       update core.api_keys k set last_used_at = now()
       from core.memberships m
       where k.secret_hash = p_hash and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
         and m.org_id = k.org_id and m.user_id = k.created_by
       returning k.id, k.org_id, k.created_by, k.role, k.scopes, m.role, k.client_name $$`);
    this.addSql(`revoke all on function core.use_api_key(text) from public`);
    this.addSql(`grant execute on function core.use_api_key(text) to ${role}`);
  }
}
