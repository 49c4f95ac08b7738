/**
 * Hooks the kernel calls and `startTelemetry` fills in: unexpected errors to Sentry, and a flush
 * of buffered spans/events before the process exits. Free of imports, so callers never load
 * Sentry or the SDK in processes that do not use them.
 */
type Reporter = (error: unknown, context?: Record<string, unknown>) => void;

let reporter: Reporter | undefined;
let flusher: (() => Promise<void>) | undefined;

/** Set by `startTelemetry` when Sentry is initialised. */
export function setErrorReporter(next: Reporter | undefined): void {
  reporter = next;
}

/** Reports an unexpected error (a masked INTERNAL error's original, a crash); a no-op without Sentry. */
export function reportError(error: unknown, context?: Record<string, unknown>): void {
  reporter?.(error, context);
}

/** Set by `startTelemetry`: flushes exporters and Sentry. */
export function setTelemetryFlush(next: (() => Promise<void>) | undefined): void {
  flusher = next;
}

/** Sends what telemetry still buffers (at most ~2 s); called by `runProcess` before exiting. */
export async function flushTelemetry(): Promise<void> {
  if (!flusher) return;
  await Promise.race([flusher().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
}
