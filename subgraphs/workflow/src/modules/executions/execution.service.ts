import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import {
  conflict,
  notFound,
  paginate,
  requireRole,
  timeIdPosition,
  validationError,
  type Connection,
  type Identity,
  type PageArgs,
} from '@flowgraph/kernel';
import type { Execution, ExecutionStatus } from './execution.entity';
import type { ExecutionLoaders } from './execution.loaders';
import { ExecutionStarter } from './execution-starter';
import { ExecutionRepository } from './execution.repository';
import type { ExecutionUpdates } from './execution-updates';
import { isWaiting, type StepRun } from './step-run.entity';

export const MAX_INPUT_BYTES = 256 * 1024;

/** Running, cancelling and re-running executions; members and above. */
export class ExecutionService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: ExecutionRepository,
    private readonly loaders: ExecutionLoaders,
    private readonly deps: { queue: Queue; updates?: ExecutionUpdates; afterCommit: (task: () => Promise<unknown>) => void },
  ) {}

  /** An execution of the caller's organization (row-level security), null if there is none. */
  get(identity: Identity, id: string): Promise<Execution | null> {
    requireRole(identity, 'viewer', 'workflows:read');
    return this.loaders.byId.load(id);
  }

  /** Execution.steps: in the order they started; steps never started (skipped ones too) keep their recorded time. */
  async steps(execution: Execution): Promise<StepRun[]> {
    const steps = await this.loaders.stepsByExecution.load(execution.id);
    return [...steps].sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
  }

  /** Execution.waitingOn: whom a running execution's waiting step waits on, if one does. */
  async waitingOn(execution: Execution): Promise<string | null> {
    if (execution.status !== 'running') return null;
    const steps = await this.loaders.stepsByExecution.load(execution.id);
    return steps.find(isWaiting)?.waitingOn ?? null;
  }

  /** A workflow's executions, newest first, of one status if given. */
  list(identity: Identity, workflowId: string, status: ExecutionStatus | undefined, args: PageArgs): Promise<Connection<Execution>> {
    requireRole(identity, 'viewer', 'workflows:read');
    return paginate(args, {
      order: 'executions:QUEUED_AT:DESC',
      keyOf: (e) => [e.queuedAt.toISOString(), e.id],
      position: timeIdPosition,
      firstRows: (count) => this.repository.page(workflowId, status, count),
      rowsAfter: (count, position) => this.repository.page(workflowId, status, count, position),
    });
  }

  /** A starter inserting in the request's transaction and enqueueing once it has committed. */
  private starter(): ExecutionStarter {
    return new ExecutionStarter({ em: this.em, queue: this.deps.queue, afterCommit: this.deps.afterCommit });
  }

  async execute(
    identity: Identity,
    input: { workflowId: string; input?: Record<string, unknown> | null; idempotencyKey?: string | null },
  ): Promise<Execution> {
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
    requireRole(identity, 'member', 'workflows:execute');
    const found = await this.repository.findById(id);
    if (!found) throw notFound('Execution');
    await this.repository.requestCancel(id);
    const execution = (await this.em.refresh(found)) ?? found;
    // Once the request is committed (so the worker sees it), a job waiting in BullMQ's delayed set
    // (a delay step, a retry backoff) is woken so it stops now.
    this.deps.afterCommit(async () => {
      const job = await this.deps.queue.getJob(id);
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
      if (execution.status === 'cancelled') await this.deps.updates?.publish(execution);
    });
    return execution;
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
