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
