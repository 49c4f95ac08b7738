import pino, { type Logger } from 'pino';

export type { Logger };

/** The one logger: JSON lines on stdout. Children carry request_id and trace_id. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
