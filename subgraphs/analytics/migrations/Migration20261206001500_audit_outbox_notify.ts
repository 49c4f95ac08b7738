import { Migration } from '@mikro-orm/migrations';
import { outboxNotifyMigration } from '@flowgraph/kernel';

/** Inserts into analytics.audit_outbox wake the worker's audit relay (LISTEN/NOTIFY), which no longer polls every 200 ms. */
export class Migration20261206001500_audit_outbox_notify extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxNotifyMigration('analytics.audit_outbox')) this.addSql(sql);
  }
}
