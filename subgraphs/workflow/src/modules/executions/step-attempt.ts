import type { StepRunner, StepContext, StepResult } from '../steps/step-runner';
import { StepTimeoutError } from '../steps/step.errors';

/**
 * Runs one attempt with a deadline: the runner gets an AbortSignal that fires at the timeout or
 * when the job is stopped (`stopped`: its worker hands it back), and the attempt is abandoned at
 * the timeout even if the runner ignores the signal.
 */
export async function runWithTimeout(
  runner: StepRunner,
  context: Omit<StepContext, 'signal'>,
  timeoutMs: number,
  stopped: AbortSignal,
): Promise<StepResult> {
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
    return await Promise.race([runner.run({ ...context, signal: AbortSignal.any([controller.signal, stopped]) }), deadline]);
  } catch (error) {
    // fetch rejects with the abort reason or an AbortError; report it as the timeout or stop it is.
    if (controller.signal.aborted) throw controller.signal.reason;
    if (stopped.aborted) throw stopped.reason;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
