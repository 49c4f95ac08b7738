import type { EntityManager } from '@mikro-orm/postgresql';
import { firstRowsPerKey, validUuids, type TimeIdPosition } from '@flowgraph/kernel';
import { ExecutionEntity, type Execution, type ExecutionStatus, type TriggerKind } from './execution.entity';
import { executionFromRow, type ExecutionRow } from './execution.row';
import { StepRunEntity, type StepRun } from './step-run.entity';

export interface NewExecution {
  orgId: string;
  workflowId: string;
  version: number;
  triggerKind: TriggerKind;
  triggerId?: string;
  idempotencyKey?: string;
  input: Record<string, unknown>;
  rerunOf?: string;
  startedBy?: string;
}

/** What starting an execution needs to know about its workflow (A owns the table; read-only here). */
export interface WorkflowRunInfo {
  liveVersion: number | null;
  isActive: boolean;
  deleted: boolean;
  concurrencyLimit: number;
  ownerId: string;
}

/**
 * Execution and step-run queries. Row-level security limits every one to the scoped organization.
 * The lists (`executions`, `latestExecution`) return plain objects (`executionFromRow`) in the
 * request's transaction; lookups by id return entities.
 */
export class ExecutionRepository {
  constructor(private readonly em: EntityManager) {}

  private readonly fromRow = (row: ExecutionRow): Execution => executionFromRow(row, this.em.getPlatform());

  findByIds(ids: readonly string[]): Promise<Execution[]> {
    return this.em.find(ExecutionEntity, { id: { $in: validUuids(ids) } });
  }

  findById(id: string): Promise<Execution | null> {
    return this.em.findOne(ExecutionEntity, { id: validUuids([id])[0] ?? '00000000-0000-0000-0000-000000000000' });
  }

  /** The newest execution of each workflow, in one statement. */
  latestByWorkflows(workflowIds: readonly string[]): Promise<Execution[]> {
    return firstRowsPerKey(this.em, {
      map: this.fromRow,
      table: 'workflow.executions',
      keyColumn: 'workflow_id',
      orderBy: 'queued_at desc, id desc',
      keys: validUuids(workflowIds),
      limit: 1,
    });
  }

  /** One page of a workflow's executions, newest first, after a `(queuedAt, id)` position. */
  async page(workflowId: string, status: ExecutionStatus | undefined, limit: number, after?: TimeIdPosition): Promise<Execution[]> {
    const where = ['workflow_id = ?'];
    const params: unknown[] = [workflowId];
    if (status) {
      where.push('status = ?');
      params.push(status);
    }
    if (after) {
      where.push('(queued_at, id) < (?::timestamptz, ?::uuid)');
      params.push(after.at.toISOString(), after.id);
    }
    params.push(limit);
    const rows = await this.em.execute<ExecutionRow[]>(
      `select * from workflow.executions where ${where.join(' and ')} order by queued_at desc, id desc limit ?`,
      params,
    );
    return rows.map(this.fromRow);
  }

  stepRunsOf(executionIds: readonly string[]): Promise<StepRun[]> {
    return this.em.find(
      StepRunEntity,
      { executionId: { $in: validUuids(executionIds) } },
      { orderBy: { startedAt: 'asc', stepId: 'asc' } },
    );
  }

  async workflowInfo(workflowId: string, options: { lock?: boolean } = {}): Promise<WorkflowRunInfo | null> {
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select live_version, is_active, deleted_at, concurrency_limit, user_id from workflow.workflows
       where id = ?${options.lock ? ' for update' : ''}`,
      [workflowId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      liveVersion: row.live_version === null ? null : Number(row.live_version),
      isActive: Boolean(row.is_active),
      deleted: row.deleted_at !== null,
      concurrencyLimit: Number(row.concurrency_limit),
      ownerId: String(row.user_id),
    };
  }

  /** Inserts unless (workflow, idempotency key) exists; returns the row and whether it is new. */
  async insert(input: NewExecution): Promise<{ execution: Execution; created: boolean }> {
    const id = crypto.randomUUID();
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into workflow.executions
         (id, org_id, workflow_id, version, status, trigger_kind, trigger_id, idempotency_key, input, rerun_of, started_by, queued_at)
       values (?, ?, ?, ?, 'queued', ?, ?, ?, ?::jsonb, ?, ?, clock_timestamp())
       on conflict (workflow_id, idempotency_key) do nothing returning id`,
      [
        id,
        input.orgId,
        input.workflowId,
        input.version,
        input.triggerKind,
        input.triggerId ?? null,
        input.idempotencyKey ?? null,
        JSON.stringify(input.input),
        input.rerunOf ?? null,
        input.startedBy ?? null,
      ],
    );
    const created = inserted.length === 1;
    const execution = created
      ? await this.em.findOneOrFail(ExecutionEntity, { id })
      : await this.em.findOneOrFail(ExecutionEntity, { workflowId: input.workflowId, idempotencyKey: input.idempotencyKey });
    return { execution, created };
  }

  /** Copies succeeded step runs of `fromExecutionId` into `toExecutionId` (a re-run reuses their outputs). */
  async copySucceededSteps(fromExecutionId: string, toExecutionId: string): Promise<void> {
    await this.em.execute(
      `insert into workflow.step_runs
         (id, org_id, execution_id, step_id, type, status, attempts, input, output, error, started_at, finished_at, duration_ms)
       select gen_random_uuid(), org_id, ?, step_id, type, status, attempts, input, output, error, started_at, finished_at, duration_ms
       from workflow.step_runs where execution_id = ? and status = 'succeeded'`,
      [toExecutionId, fromExecutionId],
    );
  }

  /** Cancels a queued execution at once; a running one is marked and stops before its next step. */
  async requestCancel(id: string): Promise<void> {
    await this.em.execute(
      `update workflow.executions set
         status = case when status = 'queued' then 'cancelled' else status end,
         finished_at = case when status = 'queued' then clock_timestamp() else finished_at end,
         error = case when status = 'queued' then 'Cancelled before it started' else error end,
         cancel_requested_at = coalesce(cancel_requested_at, clock_timestamp())
       where id = ? and status in ('queued', 'running')`,
      [id],
    );
  }
}
