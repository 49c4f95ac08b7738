import { WaitingError, Worker, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { drainingSignal, handBackSignal } from './shutdown';

/**
 * A BullMQ `Worker` that stops with its process (`runProcess`): when the process starts draining
 * it takes no new job (`worker.close()`, which waits for the running ones). A job still running
 * when the stop's time runs out (`handBackSignal`) is handed back: moved from active to wait with
 * its lock token (BullMQ's `job.moveToWait`, the same move as a manual rate limit), neither failed
 * nor counted as an attempt, so another worker takes it at once. Without this it would stay
 * active until its lock expired and BullMQ's stalled check moved it (`lockDuration`, then
 * `stalledInterval`: a minute with the defaults, and a stall counts towards `maxStalledCount`).
 *
 * The processor gets an AbortSignal (BullMQ's cancellation or the hand-back): work that honours
 * it stops early; work that does not is abandoned with the process, which is why job processing
 * must be safe to run again (it always had to be: a killed worker repeats its jobs too).
 */
export function createQueueWorker<Data, Result = unknown>(
  queue: string,
  processor: Processor<Data, Result>,
  options: WorkerOptions,
): Worker<Data, Result> {
  const worker = new Worker<Data, Result>(queue, handingBackOnStop(processor), options);
  // Errors while closing reach the worker's 'error' listeners; the process's stop awaits the same close.
  const stopTaking = () => void worker.close().catch(() => undefined);
  drainingSignal.addEventListener('abort', stopTaking, { once: true });
  worker.once('closed', () => drainingSignal.removeEventListener('abort', stopTaking));
  return worker;
}

function handingBackOnStop<Data, Result>(processor: Processor<Data, Result>): Processor<Data, Result> {
  // Three parameters: BullMQ passes a cancellation signal only to processors that declare it.
  return async (job: Job<Data, Result>, token?: string, signal?: AbortSignal) => {
    const stopped = signal ? AbortSignal.any([signal, handBackSignal]) : handBackSignal;
    let onHandBack = () => {};
    const handBack = new Promise<'hand back'>((resolve) => {
      onHandBack = () => resolve('hand back');
      if (handBackSignal.aborted) onHandBack();
      else handBackSignal.addEventListener('abort', onHandBack, { once: true });
    });
    const run = processor(job, token, stopped);
    try {
      const outcome = await Promise.race([run.then((result) => ({ result })), handBack]);
      if (outcome !== 'hand back') return outcome.result;
    } finally {
      handBackSignal.removeEventListener('abort', onHandBack);
    }
    // The abandoned run's late failure is no longer this job's.
    run.catch(() => undefined);
    await job.moveToWait(token);
    // BullMQ's signal that the job was moved elsewhere: not completed, not failed.
    throw new WaitingError();
  };
}
