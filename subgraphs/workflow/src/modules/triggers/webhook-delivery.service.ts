import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';
import type { ExecutionStarter } from '../executions/execution-starter';
import { TriggerRepository } from './trigger.repository';

export interface WebhookDelivery {
  orgId: string;
  workflowId: string;
  triggerId: string;
  deliveryId: string;
  body: Record<string, unknown>;
}

/**
 * Turns a verified webhook delivery into an execution, once per delivery id. The delivery row and
 * the execution are written in one transaction: a replay finds the row and gets the original
 * execution id; a concurrent duplicate blocks on the row's primary key until the first commits,
 * then does the same. The execution's idempotency key (`webhook:<trigger>:<delivery>`) is a second lock.
 */
export class WebhookDeliveryService {
  constructor(
    private readonly root: EntityManager,
    private readonly starterFor: (em: EntityManager) => ExecutionStarter,
  ) {}

  async receive(delivery: WebhookDelivery): Promise<{ executionId: string | null; duplicate: boolean }> {
    const { orgId, triggerId, deliveryId } = delivery;
    return inScopedTransaction(this.root, { orgId }, async (em) => {
      const repository = new TriggerRepository(em);
      if (!(await repository.claimDelivery(orgId, triggerId, deliveryId))) {
        return { executionId: await repository.deliveryExecution(triggerId, deliveryId), duplicate: true };
      }
      const { execution } = await this.starterFor(em).start({
        orgId,
        workflowId: delivery.workflowId,
        triggerKind: 'webhook',
        triggerId,
        input: delivery.body,
        idempotencyKey: `webhook:${triggerId}:${deliveryId}`,
      });
      await repository.recordDeliveryExecution(triggerId, deliveryId, execution.id);
      return { executionId: execution.id, duplicate: false };
    });
  }
}
