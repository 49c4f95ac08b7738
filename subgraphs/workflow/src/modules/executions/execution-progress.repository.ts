import type { EntityManager } from '@mikro-orm/postgresql';
import { inScopedTransaction } from '@flowgraph/kernel';
import type { WorkflowDefinition } from '../definitions/definition';
import { ExecutionEntity, type Execution } from './execution.entity';
import { StepRunEntity, type StepRun } from './step-run.entity';

export type Claim = 'started' | 'full' | 'not-queued';

/**
 * The engine's writes, each in its own short transaction scoped to the execution's organization,
 * so every recorded fact is durable before the engine moves on (a crash loses at most the step
 * attempt in flight, never a recorded result).
 */
export class ExecutionProgressRepository {
  constructor(
    private readonly root: EntityManager,
    private readonly orgId: string,
  ) {}

  private tx<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.root, { orgId: this.orgId }, work);
  }

  load(executionId: string): Promise<{ execution: Execution | null; steps: StepRun[] }> {
    return this.tx(async (em) => ({
      execution: await em.findOne(ExecutionEntity, { id: executionId }),
      steps: await em.find(StepRunEntity, { executionId }),
    }));
  }

  async definition(workflowId: string, version: number): Promise<WorkflowDefinition | null> {
    const rows = await this.tx((em) =>
      em.execute<{ definition: WorkflowDefinition }[]>(
        'select definition from workflow.workflow_versions where workflow_id = ? and version = ?',
        [workflowId, version],
      ),
    );
    return rows[0]?.definition ?? null;
  }

  /**
   * Moves a queued execution to running if its workflow has room. The workflow row lock
   * serialises every worker's claim for that workflow, so the count cannot be raced past the limit.
   */
  claim(executionId: string, workflowId: string): Promise<Claim> {
    return this.tx(async (em) => {
      const [workflow] = await em.execute<{ concurrency_limit: number }[]>(
        'select concurrency_limit from workflow.workflows where id = ? for update',
        [workflowId],
      );
      const [{ running }] = (await em.execute<{ running: string }[]>(
        `select count(*) as running from workflow.executions where workflow_id = ? and status = 'running'`,
        [workflowId],
      )) as [{ running: string }];
      if (workflow && Number(running) >= workflow.concurrency_limit) return 'full';
      const updated = await em.execute<{ id: string }[]>(
        `update workflow.executions set status = 'running', started_at = clock_timestamp()
         where id = ? and status = 'queued' and cancel_requested_at is null returning id`,
        [executionId],
      );
      return updated.length === 1 ? 'started' : 'not-queued';
    });
  }

  /**
   * Starts an attempt of a step unless cancellation was asked: then the execution becomes
   * cancelled instead. Returns the attempt number (1 for the first).
   */
  beginAttempt(
    executionId: string,
    step: { id: string; type: string },
    input: Record<string, unknown> | null,
    resumeAt: Date | null = null,
  ): Promise<number | 'cancelled'> {
    return this.tx(async (em) => {
      const [row] = await em.execute<{ cancel_requested_at: Date | null }[]>(
        'select cancel_requested_at from workflow.executions where id = ? for update',
        [executionId],
      );
      if (row?.cancel_requested_at) {
        await this.markCancelled(em, executionId);
        return 'cancelled';
      }
      const [run] = await em.execute<{ attempts: number }[]>(
        `insert into workflow.step_runs (id, org_id, execution_id, step_id, type, status, attempts, input, resume_at, started_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 'running', 1, ?::jsonb, ?, clock_timestamp())
         on conflict (execution_id, step_id) do update set
           status = 'running', attempts = step_runs.attempts + 1, resume_at = excluded.resume_at,
           input = coalesce(excluded.input, step_runs.input)
         returning attempts`,
        [this.orgId, executionId, step.id, step.type, input === null ? null : JSON.stringify(input), resumeAt],
      );
      return run!.attempts;
    });
  }

  /** Stops a cancelled execution: a step waiting (delay, retry backoff) is recorded cancelled too. */
  async markCancelled(em: EntityManager, executionId: string): Promise<void> {
    await em.execute(
      `update workflow.step_runs set status = 'cancelled', resume_at = null, waiting_on = null, finished_at = clock_timestamp()
       where execution_id = ? and status in ('running', 'pending')`,
      [executionId],
    );
    await em.execute(
      `update workflow.executions set status = 'cancelled', error = 'Cancelled by request', finished_at = clock_timestamp()
       where id = ? and status in ('queued', 'running')`,
      [executionId],
    );
  }

  cancel(executionId: string): Promise<void> {
    return this.tx((em) => this.markCancelled(em, executionId));
  }

  succeed(executionId: string, stepId: string, input: Record<string, unknown> | null, output: Record<string, unknown>): Promise<void> {
    return this.tx(async (em) => {
      await em.execute(
        `update workflow.step_runs set status = 'succeeded', output = ?::jsonb, input = coalesce(?::jsonb, input), error = null,
           resume_at = null, waiting_on = null, waiting_since = null, finished_at = clock_timestamp(),
           duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::int
         where execution_id = ? and step_id = ?`,
        [JSON.stringify(output), input === null ? null : JSON.stringify(input), executionId, stepId],
      );
    });
  }

  /** The step tries again at `resumeAt`; a deferral (rate limit, call in flight) gives its attempt back. */
  awaitRetry(
    executionId: string,
    stepId: string,
    error: string,
    resumeAt: Date,
    options: { attemptGivenBack?: boolean } = {},
  ): Promise<void> {
    const attempts = options.attemptGivenBack ? 'greatest(attempts - 1, 0)' : 'attempts';
    return this.tx(async (em) => {
      await em.execute(
        `update workflow.step_runs set status = 'pending', error = ?, resume_at = ?, attempts = ${attempts}, waiting_on = null, waiting_since = null
         where execution_id = ? and step_id = ?`,
        [error, resumeAt, executionId, stepId],
      );
    });
  }

  /**
   * The attempt could not reach `dependency`: the step waits for it until `resumeAt`. The attempt
   * is given back (waits do not spend retry attempts); `since` is when this wait began.
   */
  awaitDependency(executionId: string, stepId: string, dependency: string, error: string, resumeAt: Date, since: Date): Promise<void> {
    return this.tx(async (em) => {
      await em.execute(
        `update workflow.step_runs set status = 'pending', error = ?, resume_at = ?, attempts = greatest(attempts - 1, 0),
           waiting_on = ?, waiting_since = ?
         where execution_id = ? and step_id = ?`,
        [error, resumeAt, dependency, since, executionId, stepId],
      );
    });
  }

  skip(executionId: string, step: { id: string; type: string }): Promise<void> {
    return this.tx(async (em) => {
      await em.execute(
        `insert into workflow.step_runs (id, org_id, execution_id, step_id, type, status, attempts, started_at, finished_at, duration_ms)
         values (gen_random_uuid(), ?, ?, ?, ?, 'skipped', 0, clock_timestamp(), clock_timestamp(), 0)
         on conflict (execution_id, step_id) do nothing`,
        [this.orgId, executionId, step.id, step.type],
      );
    });
  }

  /** Fails the step (when given) and the execution, in one transaction. */
  fail(executionId: string, error: string, stepId?: string): Promise<void> {
    return this.tx(async (em) => {
      if (stepId) {
        await em.execute(
          `update workflow.step_runs set status = 'failed', error = ?, resume_at = null, waiting_on = null, finished_at = clock_timestamp(),
             duration_ms = (extract(epoch from clock_timestamp() - started_at) * 1000)::int
           where execution_id = ? and step_id = ?`,
          [error, executionId, stepId],
        );
      }
      await em.execute(
        `update workflow.executions set status = 'failed', error = ?, finished_at = clock_timestamp()
         where id = ? and status in ('queued', 'running')`,
        [error, executionId],
      );
    });
  }

  /** Succeeds the execution, unless cancellation was asked during its last step (then it is cancelled). */
  complete(executionId: string, output: Record<string, unknown>): Promise<void> {
    return this.tx(async (em) => {
      await em.execute(
        `update workflow.executions set
           status = case when cancel_requested_at is null then 'succeeded' else 'cancelled' end,
           error = case when cancel_requested_at is null then null else 'Cancelled by request' end,
           output = ?::jsonb, finished_at = clock_timestamp()
         where id = ? and status = 'running'`,
        [JSON.stringify(output), executionId],
      );
    });
  }

  async ownerOf(workflowId: string): Promise<string | null> {
    const rows = await this.tx((em) =>
      em.execute<{ user_id: string }[]>('select user_id from workflow.workflows where id = ?', [workflowId]),
    );
    return rows[0]?.user_id ?? null;
  }
}
