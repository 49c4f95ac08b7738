import { addDays, daysBetween } from './utc-day';

/** The most days one run recomputes for an organization (Workflow's activity range limit too). */
export const MAX_WINDOW_DAYS = 366;

export interface WindowInputs {
  /** Today in UTC (the job's clock). */
  today: string;
  /** Days recomputed at least, today included (2: yesterday and today). */
  days: number;
  /** The latest day already computed for the organization (null: never). */
  lastComputedDay: string | null;
  /** The day of the organization's first event (null: none seen). */
  firstEventDay: string | null;
  /**
   * How many days back (today included) the events behind a day's numbers are all still kept:
   * an older day recomputed after retention purged its events would lose what was counted.
   */
  recomputableDays: number;
}

/**
 * Which days a run recomputes for an organization: at least the last `days` days; from the last
 * day computed before, when runs were missed (it was computed while still in progress); from its
 * first event, the first time. Never further back than its events are kept, nor than a year.
 */
export function aggregateWindow(input: WindowInputs): { from: string; to: string } {
  const candidates = [addDays(input.today, -(input.days - 1))];
  const resumeFrom = input.lastComputedDay ?? input.firstEventDay;
  if (resumeFrom) candidates.push(resumeFrom);
  const from = candidates.reduce((a, b) => (a < b ? a : b));
  const limit = Math.max(1, Math.min(input.recomputableDays, MAX_WINDOW_DAYS));
  if (daysBetween(from, input.today) >= limit) return { from: addDays(input.today, -(limit - 1)), to: input.today };
  return { from, to: input.today };
}
