import { DEFAULT_RETRY, DEFAULT_STEP_TIMEOUT_MS, type StepDefinition } from '../definitions/definition';

export function retryPolicyOf(step: StepDefinition): { maxAttempts: number; backoffMs: number } {
  return { maxAttempts: step.retry?.maxAttempts ?? DEFAULT_RETRY.maxAttempts, backoffMs: step.retry?.backoffMs ?? DEFAULT_RETRY.backoffMs };
}

export function timeoutOf(step: StepDefinition): number {
  return step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
}

/**
 * The pause before trying an unreachable dependency again: full jitter under a ceiling that grows
 * with the time already waited (about doubling each try), from `backoffMs` up to `maxMs`.
 */
export function dependencyBackoffDelay(backoffMs: number, waitedMs: number, maxMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxMs, Math.max(backoffMs, waitedMs)));
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, base·2^(attempt-1)], so many
 * executions failing together do not retry together. `attempt` is the attempt that just failed.
 */
export function backoffDelay(backoffMs: number, attempt: number, random = Math.random): number {
  const ceiling = backoffMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(random() * Math.min(ceiling, 60 * 60 * 1000));
}
