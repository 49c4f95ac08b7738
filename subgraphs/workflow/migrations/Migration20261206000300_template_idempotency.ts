import { Migration } from '@mikro-orm/migrations';

/**
 * createWorkflowFromTemplate's idempotency key: at most one workflow per (organization, key), so
 * a repeated or concurrent request returns the first workflow instead of creating another.
 * `idempotency_request` is what the key was first used for ({ templateId, parameters }): a repeat
 * asking for something else is refused (CONFLICT).
 */
export class Migration20261206000300_template_idempotency extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table workflow.workflows
      add column idempotency_key text check (length(idempotency_key) between 1 and 200),
      add column idempotency_request jsonb,
      add constraint workflows_idempotency unique (org_id, idempotency_key)`);
  }
}
