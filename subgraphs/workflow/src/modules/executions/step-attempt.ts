import type { StepRunner, StepContext, StepResult } from '../steps/step-runner';
import { StepTimeoutError } from '../steps/step.errors';

/**
 * Runs one attempt with a deadline: the runner gets an AbortSignal that fires at the timeout, and
 * the attempt is abandoned then even if the runner ignores the signal.
 */
export async function runWithTimeout(runner: StepRunner, context: Omit<StepContext, 'signal'>, timeoutMs: number): Promise<StepResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new StepTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([runner.run({ ...context, signal: controller.signal }), deadline]);
  } catch (error) {
    // fetch rejects with the abort reason or an AbortError; report it as the timeout it is.
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
