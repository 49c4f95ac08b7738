import type { EntityManager } from '@mikro-orm/postgresql';
import { DelayedError, type Job } from 'bullmq';
import { isUnavailable, type Logger } from '@flowgraph/kernel';
import type { StepDefinition, WorkflowDefinition } from '../definitions/definition';
import { backoffDelay, dependencyBackoffDelay, retryPolicyOf, timeoutOf } from '../steps/backoff';
import { delayMs } from '../steps/delay.step';
import type { RunData, StepRunner } from '../steps/step-runner';
import type { StepRunners } from '../steps/step-runners';
import { DependencyUnavailableError, StepDeferredError, StepTimeoutError, isDoNotRetry } from '../steps/step.errors';
import { incomingEdges, readiness, sinkSteps, topologicalOrder, type ParentState } from './dag';
import { FINISHED_STATUSES, type Execution } from './execution.entity';
import { ExecutionProgressRepository } from './execution-progress.repository';
import type { ExecutionJobData } from './execution.job';
import type { ExecutionUpdates } from './execution-updates';
import type { StepRun } from './step-run.entity';
import { runWithTimeout } from './step-attempt';

/** How steps wait for a dependency they cannot reach (WORKFLOW_DEPENDENCY_WAIT_MS, WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS). */
export interface DependencyWait {
  /** The step fails once it has waited this long. */
  horizonMs: number;
  /** The longest pause between two tries. */
  maxBackoffMs: number;
}

export interface ExecutionProcessorDeps {
  root: EntityManager;
  runners: StepRunners;
  updates: ExecutionUpdates;
  logger: Logger;
  /** How long a claim waits when the workflow is at its concurrency limit (plus jitter). Default 200 ms. */
  fullBackoffMs?: number;
  dependencyWait: DependencyWait;
}

/** Whom a failed attempt was waiting on, when it failed for want of reaching it. */
function unreachableDependency(error: unknown, runner: StepRunner): string | undefined {
  if (error instanceof DependencyUnavailableError) return error.dependency;
  if (error instanceof StepTimeoutError) return runner.dependency;
  return undefined;
}

/** The longest pause before an execution tries an unreachable database again (half to all of it, jittered). */
const OUTAGE_RETRY_MAX_MS = 5000;

/** Thrown when the job's row is not visible yet (its transaction has not committed): BullMQ retries the job. */
export class ExecutionNotVisibleError extends Error {}

type Stop = 'continue' | 'stop';

/**
 * The "step job" of one execution: walks the DAG in topological order, records every step run
 * before moving on, and leaves the worker (job moved to delayed) for every wait. Re-entry —
 * after a wait, a crash, a stall or a hand-back — reads the recorded progress and continues from
 * it; a step recorded as succeeded is never run again.
 *
 * `stopped` (from `createQueueWorker`) fires when the worker hands the job back: the step in flight
 * is aborted (its HTTP request with it, so the process can close its connections) and the run
 * ends recording nothing, as a crash would have left it; the next run repeats that attempt.
 */
export class ExecutionProcessor {
  private readonly definitions = new Map<string, WorkflowDefinition>();

  constructor(private readonly deps: ExecutionProcessorDeps) {}

  /**
   * Runs the job; when Postgres (or another dependency of the engine itself) is unreachable, parks
   * it in the delayed set instead of failing the attempt. BullMQ's attempts (a budget of seconds)
   * would run out during an ordinary database restart, and a job failed then cannot even record its
   * failure: the execution would stay `running` with no job. Nothing is lost by waiting: the
   * execution's progress lives in Postgres, and the next run resumes from it. A job handed back
   * at shutdown (`stopped`) belongs to the next worker already: it is left alone.
   */
  readonly process = async (
    job: Job<ExecutionJobData>,
    token?: string,
    stopped: AbortSignal = new AbortController().signal,
  ): Promise<void> => {
    try {
      return await this.run(job, token, stopped);
    } catch (error) {
      if (error instanceof DelayedError || stopped.aborted || !isUnavailable(error)) throw error;
      const ceiling = Math.min(this.deps.dependencyWait.maxBackoffMs, OUTAGE_RETRY_MAX_MS);
      const pause = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      this.deps.logger.warn({ executionId: job.data.executionId, err: error, retryInMs: pause }, 'execution waits for the database');
      // If Redis is unreachable too, this throws and BullMQ's stalled check takes the job back later.
      await job.moveToDelayed(Date.now() + pause, token);
      throw new DelayedError();
    }
  };

  private readonly run = async (job: Job<ExecutionJobData>, token: string | undefined, stopped: AbortSignal): Promise<void> => {
    const { executionId, orgId } = job.data;
    const progress = new ExecutionProgressRepository(this.deps.root, orgId);
    let { execution, steps } = await progress.load(executionId);
    if (!execution) throw new ExecutionNotVisibleError(`Execution ${executionId} is not visible yet`);
    if (FINISHED_STATUSES.includes(execution.status)) return;
    // Woken early by cancelExecution (or resumed after a crash) with cancellation asked: stop here.
    if (execution.cancelRequestedAt) {
      await progress.cancel(executionId);
      return this.deps.updates.publish(execution);
    }
    const sleepUntil = async (at: number): Promise<never> => {
      await job.moveToDelayed(at, token);
      throw new DelayedError();
    };

    if (execution.status === 'queued') {
      const claim = await progress.claim(executionId, execution.workflowId);
      if (claim === 'full') {
        const base = this.deps.fullBackoffMs ?? 200;
        return sleepUntil(Date.now() + base + Math.round(Math.random() * base));
      }
      ({ execution, steps } = await progress.load(executionId));
      await this.deps.updates.publish(execution!);
      if (claim === 'not-queued' || !execution || execution.status !== 'running') return;
    }

    const definition = await this.definitionOf(progress, execution);
    if (!definition) {
      await progress.fail(executionId, `Version ${execution.version} of the workflow was not found`);
      return this.deps.updates.publish(execution);
    }
    const runs = new Map(steps.map((s) => [s.stepId, s]));
    const data: RunData = { input: execution.input, steps: {} };
    for (const step of topologicalOrder(definition)) {
      stopped.throwIfAborted();
      const run = runs.get(step.id);
      if (run?.status === 'succeeded') {
        data.steps[step.id] = { output: run.output ?? {} };
        continue;
      }
      if (run?.status === 'skipped') continue;
      const ready = readiness(incomingEdges(definition, step.id), this.parentStates(runs));
      if (ready === 'skip') {
        await progress.skip(executionId, step);
        runs.set(step.id, { ...(run ?? ({} as StepRun)), stepId: step.id, status: 'skipped' });
        continue;
      }
      if (run?.resumeAt && run.resumeAt.getTime() > Date.now()) return sleepUntil(run.resumeAt.getTime());
      const outcome = await this.runStep(progress, execution, step, run, data, sleepUntil, stopped);
      await this.deps.updates.publish(execution);
      if (outcome === 'stop') return;
      const output = data.steps[step.id]?.output ?? {};
      runs.set(step.id, { ...(run ?? ({} as StepRun)), stepId: step.id, status: 'succeeded', output });
    }
    const output: Record<string, unknown> = {};
    for (const id of sinkSteps(definition)) if (data.steps[id]) output[id] = data.steps[id].output;
    await progress.complete(executionId, output);
    await this.deps.updates.publish(execution);
  };

  private parentStates(runs: Map<string, StepRun>): Map<string, ParentState> {
    const states = new Map<string, ParentState>();
    for (const [id, run] of runs) {
      const status = run.status === 'succeeded' ? 'succeeded' : run.status === 'skipped' ? 'skipped' : 'other';
      states.set(id, { status, result: run.output?.result === true });
    }
    return states;
  }

  private async runStep(
    progress: ExecutionProgressRepository,
    execution: Execution,
    step: StepDefinition,
    run: StepRun | undefined,
    data: RunData,
    sleepUntil: (at: number) => Promise<never>,
    stopped: AbortSignal,
  ): Promise<Stop> {
    const executionId = execution.id;
    if (step.type === 'delay') return this.runDelay(progress, execution, step, run, data, sleepUntil);
    const policy = retryPolicyOf(step);
    // A step left `running` was interrupted (the worker died mid-attempt): that attempt counts.
    if (run?.status === 'running' && run.attempts >= policy.maxAttempts) {
      await progress.fail(
        executionId,
        `Step ${step.id}: the worker stopped during attempt ${run.attempts} of ${policy.maxAttempts}`,
        step.id,
      );
      return 'stop';
    }
    const attempt = await progress.beginAttempt(executionId, step, null);
    if (attempt === 'cancelled') return 'stop';
    await this.deps.updates.publish(execution);
    const started = Date.now();
    const runner = this.deps.runners[step.type];
    try {
      const result = await runWithTimeout(
        runner,
        {
          executionId,
          orgId: execution.orgId,
          ownerId: await this.ownerOf(progress, execution),
          step,
          data,
          idempotencyKey: `${executionId}:${step.id}`,
          attempt,
        },
        timeoutOf(step),
        stopped,
      );
      await progress.succeed(executionId, step.id, result.input, result.output);
      data.steps[step.id] = { output: result.output };
      return 'continue';
    } catch (error) {
      // Handed back: the job is already another run's; this one must not record the attempt as failed.
      if (stopped.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.info({ executionId, step: step.id, attempt, ms: Date.now() - started, err: message }, 'step attempt failed');
      if (error instanceof StepDeferredError) {
        const resumeAt = new Date(Date.now() + error.retryAfterMs);
        await progress.awaitRetry(executionId, step.id, message, resumeAt, { attemptGivenBack: true });
        await this.deps.updates.publish(execution);
        return sleepUntil(resumeAt.getTime());
      }
      const dependency = unreachableDependency(error, runner);
      if (dependency) return this.waitForDependency(progress, execution, step, run, dependency, message, sleepUntil);
      if (isDoNotRetry(error) || attempt >= policy.maxAttempts) {
        const why = isDoNotRetry(error) ? message : `${message} (after ${attempt} attempts)`;
        await progress.fail(executionId, `Step ${step.id} failed: ${why}`, step.id);
        return 'stop';
      }
      const resumeAt = new Date(Date.now() + backoffDelay(policy.backoffMs, attempt));
      await progress.awaitRetry(executionId, step.id, message, resumeAt);
      await this.deps.updates.publish(execution);
      return sleepUntil(resumeAt.getTime());
    }
  }

  /** The attempt could not reach `dependency`: wait for it with backoff, up to the horizon, then fail. */
  private async waitForDependency(
    progress: ExecutionProgressRepository,
    execution: Execution,
    step: StepDefinition,
    run: StepRun | undefined,
    dependency: string,
    message: string,
    sleepUntil: (at: number) => Promise<never>,
  ): Promise<Stop> {
    const { horizonMs, maxBackoffMs } = this.deps.dependencyWait;
    const since = run?.waitingOn === dependency && run.waitingSince ? run.waitingSince : new Date();
    const waitedMs = Date.now() - since.getTime();
    if (waitedMs >= horizonMs) {
      await progress.fail(
        execution.id,
        `Step ${step.id} failed: ${message} (${dependency} unreachable for ${Math.round(waitedMs / 1000)} s)`,
        step.id,
      );
      return 'stop';
    }
    const pause = Math.min(dependencyBackoffDelay(retryPolicyOf(step).backoffMs, waitedMs, maxBackoffMs), horizonMs - waitedMs);
    const resumeAt = new Date(Date.now() + pause);
    await progress.awaitDependency(execution.id, step.id, dependency, message, resumeAt, since);
    await this.deps.updates.publish(execution);
    return sleepUntil(resumeAt.getTime());
  }

  private async runDelay(
    progress: ExecutionProgressRepository,
    execution: Execution,
    step: StepDefinition,
    run: StepRun | undefined,
    data: RunData,
    sleepUntil: (at: number) => Promise<never>,
  ): Promise<Stop> {
    // Re-entry after the wait: the recorded resume time has passed.
    if (run?.status === 'running' && run.resumeAt) {
      await progress.succeed(execution.id, step.id, null, { delayedMs: delayMs(step) });
      data.steps[step.id] = { output: { delayedMs: delayMs(step) } };
      return 'continue';
    }
    let ms: number;
    try {
      ms = delayMs(step);
    } catch (error) {
      await progress.fail(execution.id, `Step ${step.id} failed: ${(error as Error).message}`);
      return 'stop';
    }
    const resumeAt = new Date(Date.now() + ms);
    const attempt = await progress.beginAttempt(execution.id, step, { ms }, resumeAt);
    if (attempt === 'cancelled') return 'stop';
    await this.deps.updates.publish(execution);
    return sleepUntil(resumeAt.getTime());
  }

  private owners = new Map<string, string>();
  private async ownerOf(progress: ExecutionProgressRepository, execution: Execution): Promise<string> {
    const cached = this.owners.get(execution.workflowId);
    if (cached) return cached;
    const owner = (await progress.ownerOf(execution.workflowId)) ?? execution.startedBy ?? '00000000-0000-0000-0000-000000000000';
    if (this.owners.size > 10_000) this.owners.clear();
    this.owners.set(execution.workflowId, owner);
    return owner;
  }

  private async definitionOf(progress: ExecutionProgressRepository, execution: Execution): Promise<WorkflowDefinition | null> {
    // Versions are immutable, so a process-wide cache is always right.
    const key = `${execution.workflowId}:${execution.version}`;
    const cached = this.definitions.get(key);
    if (cached) return cached;
    const definition = await progress.definition(execution.workflowId, execution.version);
    if (this.definitions.size > 10_000) this.definitions.clear();
    if (definition) this.definitions.set(key, definition);
    return definition;
  }
}
