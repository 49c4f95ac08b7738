/**
 * A permanent step failure: retrying cannot help (invalid config or expression, a 4xx other than
 * 408/429, a refused address, a connector that is not available). The engine fails the step at
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

export const isDoNotRetry = (error: unknown): boolean => error instanceof DoNotRetryError;
