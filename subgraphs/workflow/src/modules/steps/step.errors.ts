/**
 * A permanent step failure: retrying cannot help (invalid config or expression, a 4xx other than
 * 408/429, a refused address, a connector that is not connected). The engine fails the step at
 * once instead of spending its remaining attempts.
 */
export class DoNotRetryError extends Error {
  override readonly name = 'DoNotRetryError';
}

/** The step ran past its timeout. Retried like any transient failure. */
export class StepTimeoutError extends Error {
  override readonly name = 'StepTimeoutError';
  constructor(ms: number) {
    super(`Step timed out after ${ms} ms`);
  }
}

/**
 * What the step calls could not be reached: a refused or cut connection, or 502/503/504. Not a
 * failed attempt: the engine waits for the dependency (docs/workflows.md, "Waiting on a
 * dependency") and shows whom the step waits on.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
  constructor(
    /** Who is unreachable: `core`, or the host an http_request calls. */
    readonly dependency: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Not now, but not a failure either: a rate limit, or an earlier attempt of the same call still
 * in flight. The engine waits `retryAfterMs` and tries again without spending an attempt.
 */
export class StepDeferredError extends Error {
  override readonly name = 'StepDeferredError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

export const isDoNotRetry = (error: unknown): boolean => error instanceof DoNotRetryError;
