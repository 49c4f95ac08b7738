import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for `GET /internal/activity` (Analytics' daily aggregates): an organization's workflows
 * created (deleted ones too, unlike idx_workflows_org_created) and executions finished over a few
 * days, and each workflow's first success. Without them each nightly call per organization scans
 * the whole tables.
 */
export class Migration20261125000600_activity_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index idx_workflows_org_created_all on workflow.workflows (org_id, created_at)`);
    this.addSql(
      `create index idx_executions_org_finished on workflow.executions (org_id, finished_at) where status in ('succeeded', 'failed')`,
    );
    this.addSql(
      `create index idx_executions_workflow_succeeded on workflow.executions (workflow_id, finished_at) where status = 'succeeded'`,
    );
  }
}
