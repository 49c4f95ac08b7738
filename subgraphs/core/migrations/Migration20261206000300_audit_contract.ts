import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * The audit log takes every subgraph's entries (relayed from their outboxes) with the request id
 * that made the change, and its trigger now refuses UPDATE, DELETE and TRUNCATE from everyone,
 * the table owner included; only retention's purge function, which marks its own transaction
 * through its SET clause, may delete.
 */
export class Migration20261206000300_audit_contract extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`alter table core.audit_log add column request_id text`);
    this.addSql(`create or replace function core.audit_log_append_only() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' and current_user <> '${role}' and current_setting('flowgraph.audit_purge', true) = 'on' then return null; end if;
         raise exception 'audit_log is append-only' using errcode = '42501';
       end $$`);
    this.addSql(`alter function core.purge_expired_audit_entries(int, int) set flowgraph.audit_purge = 'on'`);
  }
}
