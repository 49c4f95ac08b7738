import { z } from 'zod';
import { shutdownShape } from './config';
import { createLogger } from './logger';
import { beginDraining, beginHandingBack } from './shutdown';
import { flushTelemetry, reportError } from './telemetry/hooks';

/** PORT and HOST of an HTTP process; containers set HOST=0.0.0.0. */
export const listenShape = (defaultPort: number) => ({
  PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
  HOST: z.string().default('127.0.0.1'),
});

/** What is left of the grace period when running jobs are handed back: time to move them and close pools. */
const handBackReserveMs = (graceMs: number) => Math.min(5000, graceMs / 4);

/**
 * Runs a process: `start` opens everything and returns how to close it. The first SIGTERM or
 * SIGINT starts draining (`/readyz` answers 503, see `shutdown.ts`), waits SHUTDOWN_DELAY_MS for
 * load balancers to notice, then runs the stop (servers stop accepting and drain, workers finish
 * their jobs) and exits 0. Jobs still running when only a few seconds of SHUTDOWN_GRACE_MS remain
 * are handed back to their queue; a stop that outlasts the grace period is logged with what held
 * it and exits 1. A second SIGTERM is ignored, a second SIGINT (Ctrl-C again) exits 130 at once.
 * A failure to start is logged as one fatal line, exit 1.
 */
export function runProcess(name: string, start: () => Promise<() => Promise<void>>): void {
  const logger = createLogger(name);
  const fail = (error: unknown) => {
    logger.fatal({ err: error }, `${name} could not start: ${(error as Error).message}`);
    reportError(error);
    void flushTelemetry().then(() => process.exit(1));
  };
  let settings: z.infer<z.ZodObject<typeof shutdownShape>>;
  try {
    settings = z.object(shutdownShape).parse(process.env);
  } catch (error) {
    return fail(error);
  }
  const { SHUTDOWN_GRACE_MS: graceMs, SHUTDOWN_DELAY_MS: delayMs } = settings;
  start().then((stop) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        if (signal === 'SIGINT') {
          logger.warn({ signal }, 'interrupted again while stopping: exiting now');
          process.exit(130);
        }
        logger.info({ signal }, 'already stopping');
        return;
      }
      stopping = true;
      const began = Date.now();
      logger.info({ signal, graceMs, delayMs }, 'stopping');
      beginDraining();
      const handBack = setTimeout(beginHandingBack, Math.max(delayMs, graceMs - handBackReserveMs(graceMs)));
      setTimeout(() => {
        // What still holds the process (sockets, timers) says which part of the stop hangs.
        logger.error({ graceMs, pending: process.getActiveResourcesInfo() }, 'not stopped within the grace period: exiting');
        process.exit(1);
      }, graceMs);
      new Promise((resolve) => setTimeout(resolve, delayMs)).then(stop).then(
        async () => {
          clearTimeout(handBack);
          // Buffered spans and Sentry events go out before exit.
          await flushTelemetry();
          logger.info({ ms: Date.now() - began }, 'stopped');
          process.exit(0);
        },
        async (error: unknown) => {
          logger.error({ err: error }, 'unclean stop');
          reportError(error);
          await flushTelemetry();
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
  }, fail);
}
