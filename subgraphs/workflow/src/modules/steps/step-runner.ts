import type { StepDefinition } from '../definitions/definition';

/** The data expressions see: the execution's input and the outputs of the steps that ran. */
export interface RunData {
  input: Record<string, unknown>;
  steps: Record<string, { output: Record<string, unknown> }>;
}

export interface StepContext {
  executionId: string;
  orgId: string;
  /** The workflow's owner; side effects recorded in Core are attributed to them. */
  ownerId: string;
  step: StepDefinition;
  data: RunData;
  /** `<executionId>:<stepId>`: the same on every attempt, so a repeated side effect is recognisable. */
  idempotencyKey: string;
  attempt: number;
  /** Aborted when the step's timeout passes; runners pass it to whatever they wait on. */
  signal: AbortSignal;
}

export interface StepResult {
  /** What the step recorded as its input (resolved URL, evaluated body, …). */
  input: Record<string, unknown>;
  output: Record<string, unknown>;
}

/**
 * Runs one attempt of one step type. Throws DoNotRetryError for permanent failures and
 * DependencyUnavailableError when what it calls cannot be reached.
 */
export interface StepRunner {
  /**
   * The Flowgraph service every attempt calls (`core` for notify): an attempt that times out is
   * then waiting on it, like a refused connection. Steps calling the outside world leave it unset:
   * their timeout is a failed attempt.
   */
  readonly dependency?: string;
  run(context: StepContext): Promise<StepResult>;
}
