import { Migration } from '@mikro-orm/migrations';
import { appGrants, loadConfig, orgIsolationPolicy } from '@flowgraph/kernel';

/**
 * OAuth authorization-code flows in progress: one row per connection an admin started, opened at
 * most once by a browser and completed at most once by the provider's redirect (decision 0024).
 */
export class Migration20261206000600_oauth_flows extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    // code_verifier: SecretKeyring ciphertext bound to the flow id. state_hash and
    // browser_secret_hash (SHA-256, hex) are set when the link is opened: neither value is kept.
    this.addSql(`create table integration.oauth_flows (
      id uuid primary key,
      org_id uuid not null,
      user_id uuid not null,
      integration_id uuid not null references integration.user_integrations (id) on delete cascade,
      connector text not null,
      code_verifier text not null,
      state_hash text unique,
      browser_secret_hash text,
      opened_at timestamptz(3),
      expires_at timestamptz(3) not null,
      created_at timestamptz(3) not null default now()
    )`);
    this.addSql(`create index idx_oauth_flows_expires on integration.oauth_flows (expires_at)`);
    for (const sql of orgIsolationPolicy('integration.oauth_flows')) this.addSql(sql);
    for (const sql of appGrants('integration', role)) this.addSql(sql);

    // The browser's visits carry no identity (no organization scope): these two owner functions
    // are all they can do. Opening is allowed once, before expiry; the outcome says which rule refused.
    this.addSql(`create function integration.open_oauth_flow(flow uuid, new_state_hash text, new_browser_secret_hash text)
      returns table (outcome text, connector text, code_verifier text)
      language plpgsql security definer set search_path = integration, pg_temp as $$
      declare
        flow_row integration.oauth_flows;
      begin
        select * into flow_row from integration.oauth_flows f where f.id = flow for update;
        if not found then
          return query select 'unknown'::text, null::text, null::text;
        elsif flow_row.opened_at is not null then
          return query select 'already_opened'::text, null::text, null::text;
        elsif flow_row.expires_at <= now() then
          return query select 'expired'::text, null::text, null::text;
        else
          update integration.oauth_flows f
            set state_hash = new_state_hash, browser_secret_hash = new_browser_secret_hash, opened_at = now()
            where f.id = flow;
          return query select 'opened'::text, flow_row.connector, flow_row.code_verifier;
        end if;
      end
      $$`);
    // Single use: the row is deleted as it is read, so a replayed state finds nothing.
    this.addSql(`create function integration.take_oauth_flow(hashed_state text)
      returns table (id uuid, org_id uuid, user_id uuid, integration_id uuid, connector text,
                     code_verifier text, browser_secret_hash text, expires_at timestamptz)
      language sql security definer set search_path = integration, pg_temp as $$
        delete from integration.oauth_flows f where f.state_hash = hashed_state
        returning f.id, f.org_id, f.user_id, f.integration_id, f.connector, f.code_verifier, f.browser_secret_hash, f.expires_at
      $$`);
    for (const fn of ['open_oauth_flow(uuid, text, text)', 'take_oauth_flow(text)']) {
      this.addSql(`revoke all on function integration.${fn} from public`);
      this.addSql(`grant execute on function integration.${fn} to ${role}`);
    }
  }
}
