import { CronExpressionParser } from 'cron-parser';
import type { FieldError } from '@flowgraph/kernel';

export const MAX_NEXT_RUNS = 20;

/**
 * Cron patterns are read by `cron-parser`, the parser BullMQ's job schedulers use, with the same
 * options (`tz`, `currentDate`): the times shown in the API are the times the scheduler fires.
 */
export function nextRuns(pattern: string, timezone: string, count: number, from = new Date()): Date[] {
  const interval = CronExpressionParser.parse(pattern, { tz: timezone, currentDate: from });
  const runs: Date[] = [];
  for (let i = 0; i < count && interval.hasNext(); i++) runs.push(interval.next().toDate());
  return runs;
}

function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Checks a cron pattern (5 fields, or 6 with seconds) and an IANA time zone; returns the problems. */
export function checkCronSchedule(pattern: string, timezone: string, fieldPrefix = 'cron'): FieldError[] {
  const errors: FieldError[] = [];
  const fields = pattern.trim().split(/\s+/);
  const zoneOk = isTimeZone(timezone);
  if (!zoneOk) errors.push({ field: `${fieldPrefix}.timezone`, message: `Unknown IANA time zone "${timezone}"` });
  if (fields.length < 5 || fields.length > 6) {
    errors.push({
      field: `${fieldPrefix}.pattern`,
      message: 'Must have 5 fields (minute hour day month weekday), or 6 with seconds first',
    });
    return errors;
  }
  try {
    // Parsing alone accepts some impossible dates (31 February): ask for a run to be sure it ever fires.
    const runs = nextRuns(pattern, zoneOk ? timezone : 'UTC', 1);
    if (runs.length === 0) errors.push({ field: `${fieldPrefix}.pattern`, message: 'Never runs' });
  } catch (error) {
    errors.push({ field: `${fieldPrefix}.pattern`, message: `Invalid cron pattern: ${(error as Error).message}` });
  }
  return errors;
}
