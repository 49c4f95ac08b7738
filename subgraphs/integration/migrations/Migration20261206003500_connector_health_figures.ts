import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * Connected integrations counted by connector and health status, across organizations (RLS
 * hides them from the application role), for the worker's `/metrics`: counts only, no ids.
 */
export class Migration20261206003500_connector_health_figures extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create function integration.connector_health_counts()
      returns table (connector text, health text, integrations int)
      language sql stable security definer set search_path = integration, pg_temp as $$
        select i.provider, coalesce(i.health_status, 'unchecked'), count(*)::int
        from integration.user_integrations i
        where i.status = 'connected'
        group by 1, 2
      $$`);
    this.addSql(`revoke all on function integration.connector_health_counts() from public`);
    this.addSql(`grant execute on function integration.connector_health_counts() to ${role}`);
  }
}
