import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * Webhook deliveries only need to outlive the signature's 5-minute window to catch replays; the
 * daily maintenance job deletes old ones so the table does not grow without bound.
 */
export class Migration20261125000500_delivery_retention extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create index idx_webhook_deliveries_received on workflow.webhook_deliveries (received_at)`);
    this.addSql(`create function workflow.purge_webhook_deliveries(keep_days int, batch_size int) returns int
      language sql security definer set search_path = workflow, pg_temp as $$
        with doomed as (
          select trigger_id, delivery_id from workflow.webhook_deliveries
          where received_at < now() - make_interval(days => keep_days) limit batch_size
        )
        , deleted as (
          delete from workflow.webhook_deliveries d using doomed
          where d.trigger_id = doomed.trigger_id and d.delivery_id = doomed.delivery_id returning 1
        )
        select count(*)::int from deleted
      $$`);
    this.addSql(`revoke all on function workflow.purge_webhook_deliveries(int, int) from public`);
    this.addSql(`grant execute on function workflow.purge_webhook_deliveries(int, int) to ${role}`);
  }
}
