import { Migration } from '@mikro-orm/migrations';
import { outboxNotifyMigration } from '@flowgraph/kernel';

/** Inserts into core.event_outbox (one per stored batch of events) wake the Core worker's event relay (LISTEN/NOTIFY), which no longer polls every 50 ms. */
export class Migration20261206001500_events_notify extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxNotifyMigration('core.event_outbox')) this.addSql(sql);
  }
}
