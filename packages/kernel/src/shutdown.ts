/**
 * The process's stopping state, set by `runProcess` and read by what must behave differently
 * while the process stops: `/readyz` answers 503, HTTP responses close their connections, BullMQ
 * workers take no new jobs and hand back the ones they cannot finish. One process, one state.
 */
const draining = new AbortController();
const handingBack = new AbortController();

/** Aborted when the process starts to stop (SIGTERM/SIGINT). */
export const drainingSignal: AbortSignal = draining.signal;

/** Aborted when the stop's time for finishing work is spent: jobs still running go back to their queue. */
export const handBackSignal: AbortSignal = handingBack.signal;

/** True once the process has started to stop. */
export function isDraining(): boolean {
  return draining.signal.aborted;
}

/** Called by `runProcess` when a stop signal arrives. */
export function beginDraining(): void {
  draining.abort();
}

/** Called by `runProcess` when running jobs must be handed back. */
export function beginHandingBack(): void {
  handingBack.abort();
}
