import { Migration } from '@mikro-orm/migrations';
import { loadConfig } from '@flowgraph/kernel';

/**
 * The sweeper also looks at running executions, a page at a time by id: one whose BullMQ job is
 * gone (or failed without its failure being recorded) would otherwise stay running forever.
 * Across organizations, ids only, like `stale_queued_executions`.
 */
export class Migration20261207000200_stale_running_executions extends Migration {
  override async up(): Promise<void> {
    const role = loadConfig().DATABASE_APP_ROLE;
    this.addSql(`create index idx_executions_running on workflow.executions (id) where status = 'running'`);
    this.addSql(`create function workflow.stale_running_executions(older_than_ms int, after_id uuid, max_rows int)
      returns table (id uuid, org_id uuid)
      language sql stable security definer set search_path = workflow, pg_temp as $$
        select e.id, e.org_id from workflow.executions e
        where e.status = 'running' and e.started_at < now() - make_interval(secs => older_than_ms / 1000.0) and e.id > after_id
        order by e.id limit max_rows
      $$`);
    this.addSql(`revoke all on function workflow.stale_running_executions(int, uuid, int) from public`);
    this.addSql(`grant execute on function workflow.stale_running_executions(int, uuid, int) to ${role}`);
  }
}
