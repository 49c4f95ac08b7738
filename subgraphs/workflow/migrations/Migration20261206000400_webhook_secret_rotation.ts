import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * The re-encryption job moves every webhook secret to the current key (SECRET_KEYS): it reads the
 * secrets of every organization, which row-level security hides from the application role, in
 * batches by id, and writes each back only if it still holds the value read (compare-and-set), so
 * a secret changed meanwhile is never overwritten with an older one.
 */
export class Migration20261206000400_webhook_secret_rotation extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create function workflow.webhook_secrets_after(after_id uuid, batch_size int)
      returns table (id uuid, webhook_secret text)
      language sql stable security definer set search_path = workflow, pg_temp as $$
        select t.id, t.webhook_secret from workflow.triggers t
        where t.webhook_secret is not null and t.id > after_id
        order by t.id limit batch_size
      $$`);
    this.addSql(`create function workflow.replace_webhook_secret(trigger_id uuid, expected text, replacement text)
      returns boolean
      language sql security definer set search_path = workflow, pg_temp as $$
        with replaced as (
          update workflow.triggers t set webhook_secret = replacement
          where t.id = replace_webhook_secret.trigger_id and t.webhook_secret = expected returning 1
        )
        select exists (select 1 from replaced)
      $$`);
    for (const fn of ['webhook_secrets_after(uuid, int)', 'replace_webhook_secret(uuid, text, text)']) {
      this.addSql(`revoke all on function workflow.${fn} from public`);
      this.addSql(`grant execute on function workflow.${fn} to ${role}`);
    }
  }
}
