import type { EntityManager } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import { inScopedTransaction, notFound, validationError, withTimeout } from '@flowgraph/kernel';
import type { Execution, TriggerKind } from './execution.entity';
import { enqueueExecution } from './execution.job';
import { ExecutionRepository } from './execution.repository';

export interface StartExecutionRequest {
  orgId: string;
  workflowId: string;
  triggerKind: TriggerKind;
  triggerId?: string;
  input: Record<string, unknown>;
  /** The same key twice for one workflow returns the first execution (created=false). */
  idempotencyKey?: string;
  startedBy?: string;
  /** Internal: a re-run of this failed execution, pinned to its version, reusing its succeeded steps. */
  rerun?: { of: string; version: number };
}

export const MAX_IDEMPOTENCY_KEY = 200;

/** Enqueueing gives up after this long (Redis out): the request answers, and the sweeper enqueues the committed row. */
const ENQUEUE_TIMEOUT_MS = 1000;

/**
 * Starts executions for every caller (the executeWorkflow mutation, cron, webhooks, events).
 * - In a GraphQL request (`afterCommit` given): the row is inserted in the request's transaction
 *   and the job enqueued once it has committed — no second pooled connection per request.
 * - In another caller's transaction (a webhook recording its delivery in the same one): the job
 *   is enqueued at once and the worker retries a job whose row is not yet visible.
 * - Otherwise the insert commits in its own transaction before the job is enqueued.
 * If the process dies between commit and enqueue, or Redis does not take the job within
 * ENQUEUE_TIMEOUT_MS, the worker's sweeper enqueues the row.
 */
export class ExecutionStarter {
  private readonly em: EntityManager;
  private readonly queue: Queue;
  private readonly afterCommit?: (task: () => Promise<unknown>) => void;

  constructor(deps: { em: EntityManager; queue: Queue; afterCommit?: (task: () => Promise<unknown>) => void }) {
    this.em = deps.em;
    this.queue = deps.queue;
    this.afterCommit = deps.afterCommit;
  }

  async start(request: StartExecutionRequest): Promise<{ execution: Execution; created: boolean }> {
    if (
      request.idempotencyKey !== undefined &&
      (request.idempotencyKey.length === 0 || request.idempotencyKey.length > MAX_IDEMPOTENCY_KEY)
    ) {
      throw validationError([{ field: 'idempotencyKey', message: `Must be 1 to ${MAX_IDEMPOTENCY_KEY} characters` }]);
    }
    const result = this.em.isInTransaction()
      ? await this.insert(this.em, request)
      : await inScopedTransaction(this.em, { orgId: request.orgId, userId: request.startedBy }, (em) => this.insert(em, request));
    if (result.execution.status === 'queued') {
      const job = { executionId: result.execution.id, orgId: result.execution.orgId };
      const enqueue = () => withTimeout(enqueueExecution(this.queue, job), ENQUEUE_TIMEOUT_MS, 'enqueueing an execution');
      if (this.afterCommit && this.em.isInTransaction()) this.afterCommit(enqueue);
      else await enqueue();
    }
    return result;
  }

  private async insert(em: EntityManager, request: StartExecutionRequest): Promise<{ execution: Execution; created: boolean }> {
    const repository = new ExecutionRepository(em);
    const workflow = await repository.workflowInfo(request.workflowId);
    if (!workflow) throw notFound('Workflow');
    if (workflow.deleted) throw validationError([{ field: 'workflowId', message: 'The workflow is deleted' }]);
    if (!workflow.isActive && request.triggerKind !== 'manual') {
      throw validationError([{ field: 'workflowId', message: 'The workflow is not active' }]);
    }
    const version = request.rerun?.version ?? workflow.liveVersion;
    if (version === null) {
      throw validationError([{ field: 'workflowId', message: 'The workflow has no published version: publish one first' }]);
    }
    const result = await repository.insert({
      orgId: request.orgId,
      workflowId: request.workflowId,
      version,
      triggerKind: request.triggerKind,
      triggerId: request.triggerId,
      idempotencyKey: request.idempotencyKey,
      input: request.input,
      rerunOf: request.rerun?.of,
      startedBy: request.startedBy,
    });
    if (result.created && request.rerun) await repository.copySucceededSteps(request.rerun.of, result.execution.id);
    return result;
  }
}
