import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, validUuids } from '@flowgraph/kernel';
import { TriggerEntity, type Trigger, type TriggerConfig, type TriggerKindName } from './trigger.entity';

/** What a cron trigger's scheduler is built from. */
export interface CronTarget {
  id: string;
  orgId: string;
  workflowId: string;
  pattern: string;
  timezone: string;
}

export interface WorkflowState {
  isActive: boolean;
  deleted: boolean;
}

/**
 * Trigger queries. Row-level security limits every one to the transaction's organization, except
 * the two SECURITY DEFINER functions (reconcile, webhook lookup) which are cross-organization by design.
 */
export class TriggerRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Trigger | null> {
    return isUuid(id) ? this.em.findOne(TriggerEntity, { id }) : Promise.resolve(null);
  }

  findByWorkflowIds(workflowIds: readonly string[]): Promise<Trigger[]> {
    return this.em.find(TriggerEntity, { workflowId: { $in: validUuids(workflowIds) } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async countByWorkflow(workflowId: string): Promise<number> {
    return this.em.count(TriggerEntity, { workflowId });
  }

  /** Whether the workflow exists (in this organization), is active and not deleted. */
  async workflowState(workflowId: string): Promise<WorkflowState | null> {
    if (!isUuid(workflowId)) return null;
    const rows = await this.em.execute<{ is_active: boolean; deleted: boolean }[]>(
      'select is_active, deleted_at is not null as deleted from workflow.workflows where id = ?',
      [workflowId],
    );
    return rows[0] ? { isActive: rows[0].is_active, deleted: rows[0].deleted } : null;
  }

  /** workflowState, holding the workflow's row lock until the transaction ends. */
  async lockWorkflow(workflowId: string): Promise<WorkflowState | null> {
    if (!isUuid(workflowId)) return null;
    const rows = await this.em.execute<{ is_active: boolean; deleted: boolean }[]>(
      'select is_active, deleted_at is not null as deleted from workflow.workflows where id = ? for update',
      [workflowId],
    );
    return rows[0] ? { isActive: rows[0].is_active, deleted: rows[0].deleted } : null;
  }

  create(input: {
    id?: string;
    orgId: string;
    workflowId: string;
    kind: TriggerKindName;
    config: TriggerConfig;
    webhookSecret: string | null;
  }): Trigger {
    const now = new Date();
    return this.em.create(TriggerEntity, { id: input.id ?? crypto.randomUUID(), enabled: true, createdAt: now, updatedAt: now, ...input });
  }

  remove(trigger: Trigger): void {
    this.em.remove(trigger);
  }

  flush(): Promise<void> {
    return this.em.flush();
  }

  /** Enabled event triggers of active, non-deleted workflows matching an event (a missing filter field matches all). */
  findMatchingEventTriggers(tool: string, eventType: string): Promise<Trigger[]> {
    return this.em
      .execute<Record<string, unknown>[]>(
        `select t.* from workflow.triggers t join workflow.workflows w on w.id = t.workflow_id
       where t.kind = 'event' and t.enabled and w.is_active and w.deleted_at is null
         and coalesce(t.config->>'tool', ?) = ? and coalesce(t.config->>'eventType', ?) = ?
       order by t.created_at, t.id`,
        [tool, tool, eventType, eventType],
      )
      .then((rows) => rows.map((row) => this.em.map(TriggerEntity, row)));
  }

  /** Every cron trigger that should have a scheduler, across organizations (reconcile). */
  async schedulableCronTriggers(): Promise<CronTarget[]> {
    const rows = await this.em.execute<{ id: string; org_id: string; workflow_id: string; pattern: string; timezone: string }[]>(
      'select * from workflow.schedulable_cron_triggers()',
    );
    return rows.map((r) => ({ id: r.id, orgId: r.org_id, workflowId: r.workflow_id, pattern: r.pattern, timezone: r.timezone }));
  }

  /** An enabled webhook trigger of an active workflow, found by id alone (a delivery carries no identity). */
  async webhookTarget(triggerId: string): Promise<{ orgId: string; workflowId: string; encryptedSecret: string } | null> {
    if (!isUuid(triggerId)) return null;
    const rows = await this.em.execute<{ org_id: string; workflow_id: string; webhook_secret: string }[]>(
      'select * from workflow.webhook_trigger_target(?)',
      [triggerId],
    );
    return rows[0] ? { orgId: rows[0].org_id, workflowId: rows[0].workflow_id, encryptedSecret: rows[0].webhook_secret } : null;
  }

  /** Webhook secrets of every organization, `batchSize` at a time in id order, after `afterId` (for re-encryption). */
  async webhookSecretsAfter(afterId: string, batchSize: number): Promise<{ id: string; encryptedSecret: string }[]> {
    const rows = await this.em.execute<{ id: string; webhook_secret: string }[]>('select * from workflow.webhook_secrets_after(?, ?)', [
      afterId,
      batchSize,
    ]);
    return rows.map((row) => ({ id: row.id, encryptedSecret: row.webhook_secret }));
  }

  /** Writes `replacement` only if the row still holds `expected`; false when it changed meanwhile (or is gone). */
  async replaceWebhookSecret(triggerId: string, expected: string, replacement: string): Promise<boolean> {
    const [row] = await this.em.execute<{ replaced: boolean }[]>('select workflow.replace_webhook_secret(?, ?, ?) as replaced', [
      triggerId,
      expected,
      replacement,
    ]);
    return row.replaced;
  }

  /**
   * Claims a delivery id for a trigger. false when the id was seen before; a concurrent claim of
   * the same id waits here until the first transaction ends, then reports false.
   */
  async claimDelivery(orgId: string, triggerId: string, deliveryId: string): Promise<boolean> {
    const rows = await this.em.execute<unknown[]>(
      `insert into workflow.webhook_deliveries (trigger_id, delivery_id, org_id) values (?, ?, ?)
       on conflict (trigger_id, delivery_id) do nothing returning 1`,
      [triggerId, deliveryId, orgId],
    );
    return rows.length === 1;
  }

  async deliveryExecution(triggerId: string, deliveryId: string): Promise<string | null> {
    const rows = await this.em.execute<{ execution_id: string | null }[]>(
      'select execution_id from workflow.webhook_deliveries where trigger_id = ? and delivery_id = ?',
      [triggerId, deliveryId],
    );
    return rows[0]?.execution_id ?? null;
  }

  async recordDeliveryExecution(triggerId: string, deliveryId: string, executionId: string): Promise<void> {
    await this.em.execute('update workflow.webhook_deliveries set execution_id = ? where trigger_id = ? and delivery_id = ?', [
      executionId,
      triggerId,
      deliveryId,
    ]);
  }
}
