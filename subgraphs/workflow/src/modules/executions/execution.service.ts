import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { conflict, inScopedTransaction, notFound, requireRole, validationError, type Identity } from '@flowgraph/kernel';
import type { Execution } from './execution.entity';
import { ExecutionStarter } from './execution-starter';
import { ExecutionRepository } from './execution.repository';
import type { ExecutionUpdates } from './execution-updates';

export const MAX_INPUT_BYTES = 256 * 1024;

/** Running, cancelling and re-running executions; members and above. */
export class ExecutionService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: ExecutionRepository,
    private readonly deps: { queue: Queue; updates?: ExecutionUpdates },
  ) {}

  /** A starter committing in its own transaction, so the job is enqueued only after the row is visible. */
  private starter(): ExecutionStarter {
    return new ExecutionStarter({ em: this.em.fork() as EntityManager, queue: this.deps.queue });
  }

  async execute(identity: Identity, input: { workflowId: string; input?: Record<string, unknown> | null; idempotencyKey?: string | null }): Promise<Execution> {
    const caller = requireRole(identity, 'member', 'workflows:execute');
    const data = input.input ?? {};
    if (Buffer.byteLength(JSON.stringify(data)) > MAX_INPUT_BYTES) {
      throw validationError([{ field: 'input', message: `Must be at most ${MAX_INPUT_BYTES} bytes of JSON` }]);
    }
    const { execution } = await this.starter().start({
      orgId: caller.orgId,
      workflowId: input.workflowId,
      triggerKind: 'manual',
      input: data,
      idempotencyKey: input.idempotencyKey ?? undefined,
      startedBy: caller.userId,
    });
    return execution;
  }

  async cancel(identity: Identity, id: string): Promise<Execution> {
    const caller = requireRole(identity, 'member', 'workflows:execute');
    // Committed in its own transaction before the job is woken, so the worker sees the request.
    const execution = await inScopedTransaction(this.em, { orgId: caller.orgId, userId: caller.userId }, async (em) => {
      const repository = new ExecutionRepository(em);
      const found = await repository.findById(id);
      if (!found) throw notFound('Execution');
      await repository.requestCancel(id);
      return (await em.refresh(found)) ?? found;
    });
    // A job waiting in BullMQ's delayed set (a delay step, a retry backoff) is woken so it stops now.
    const job = await this.deps.queue.getJob(id);
    if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    if (execution!.status === 'cancelled') await this.deps.updates?.publish(execution!);
    return execution!;
  }

  async rerun(identity: Identity, id: string): Promise<Execution> {
    const caller = requireRole(identity, 'member', 'workflows:execute');
    const failed = await this.repository.findById(id);
    if (!failed) throw notFound('Execution');
    if (failed.status !== 'failed') throw conflict('Only a failed execution can be re-run');
    const { execution } = await this.starter().start({
      orgId: caller.orgId,
      workflowId: failed.workflowId,
      triggerKind: 'manual',
      input: failed.input,
      // One re-run per failed execution: asking twice returns the first re-run.
      idempotencyKey: `rerun:${failed.id}`,
      startedBy: caller.userId,
      rerun: { of: failed.id, version: failed.version },
    });
    return execution;
  }
}
