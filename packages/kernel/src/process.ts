import { z } from 'zod';
import { createLogger } from './logger';
import { flushTelemetry, reportError } from './telemetry/hooks';

/** PORT and HOST of an HTTP process; containers set HOST=0.0.0.0. */
export const listenShape = (defaultPort: number) => ({
  PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
  HOST: z.string().default('127.0.0.1'),
});

/**
 * Runs a process: `start` opens everything and returns how to close it. SIGINT/SIGTERM close
 * cleanly (in-flight requests drain); a failure to start is logged as one fatal line, exit 1.
 */
export function runProcess(name: string, start: () => Promise<() => Promise<void>>): void {
  const logger = createLogger(name);
  start().then(
    (stop) => {
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'stopping');
        // Buffered spans and Sentry events go out before exit.
        stop().then(
          () => flushTelemetry().then(() => process.exit(0)),
          (error: unknown) => {
            logger.error({ err: error }, 'unclean stop');
            reportError(error);
            void flushTelemetry().then(() => process.exit(1));
          },
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, `${name} could not start: ${(error as Error).message}`);
      reportError(error);
      void flushTelemetry().then(() => process.exit(1));
    },
  );
}
