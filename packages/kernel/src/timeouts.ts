/** A bounded wait ran out; the error catalog treats it as an unavailable dependency. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * `work`, or a rejection (a TimeoutError) with "`what` took more than `ms` ms" if it has not settled by then
 * (`work` itself goes on; callers use this where waiting longer costs more than the answer).
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what = 'operation'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(`${what} took more than ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A pause a loop takes between rounds, which `wake()` cuts short (to stop, or because work arrived). */
export class WakeablePause {
  private wakeCurrent?: () => void;

  /** Resolves after `ms`, or at the next `wake()`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeCurrent = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Ends the pause in progress, if any. */
  wake(): void {
    this.wakeCurrent?.();
  }
}
