import { Migration } from '@mikro-orm/migrations';
import { auditOutboxMigration, loadConfig } from '@flowgraph/kernel';

/** analytics.audit_outbox: audit entries written with each change, relayed to Core's audit log. */
export class Migration20261206000100_audit_outbox extends Migration {
  override async up(): Promise<void> {
    for (const sql of auditOutboxMigration('analytics', loadConfig().DATABASE_APP_ROLE)) this.addSql(sql);
  }
}
