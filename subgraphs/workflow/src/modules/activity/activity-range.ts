import { z } from 'zod';

/** Longest range one call may ask for, in days (both ends included): a year, leap day and all. */
export const MAX_ACTIVITY_DAYS = 366;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` that is a real calendar date (2026-02-30 is not). */
const calendarDay = z
  .string()
  .refine((day) => {
    const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
  }, 'Must be a calendar date as YYYY-MM-DD');

/** The query of `GET /internal/activity`: UTC days from `from` to `to`, both included. */
export const activityRangeSchema = z
  .object({ from: calendarDay, to: calendarDay })
  .superRefine(({ from, to }, ctx) => {
    const days = daysBetween(from, to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
    else if (days > MAX_ACTIVITY_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_ACTIVITY_DAYS} days from from` });
  });

export type ActivityRange = z.infer<typeof activityRangeSchema>;

/** Whole days from `from` to `to` (YYYY-MM-DD, UTC); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The instants bounding the range: the start of `from` and the start of the day after `to`, in UTC. */
export function rangeInstants(range: ActivityRange): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00Z`), end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS) };
}
