import { z } from 'zod';

/** Workflow's `GET /internal/activity?from&to`: an organization's workflow activity, for Analytics' daily aggregates. */
export const INTERNAL_ACTIVITY_PATH = '/internal/activity';

/** Longest range one call may ask for, in days (both ends included): a year, leap day and all. */
export const MAX_ACTIVITY_DAYS = 366;
const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (YYYY-MM-DD, UTC); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `YYYY-MM-DD` that is a real calendar date (2026-02-30 is not). */
const calendarDay = z.string().refine((day) => {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}, 'Must be a calendar date as YYYY-MM-DD');

/** The query: UTC days from `from` to `to`, both included. */
export const activityRangeSchema = z.object({ from: calendarDay, to: calendarDay }).superRefine(({ from, to }, ctx) => {
  const days = daysBetween(from, to) + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
  else if (days > MAX_ACTIVITY_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_ACTIVITY_DAYS} days from from` });
});

export type ActivityRange = z.infer<typeof activityRangeSchema>;

/** Workflow activity of one UTC day; executions count on the day they finished, cancelled ones as neither. */
export const workflowActivityDay = z.object({
  day: z.string(),
  workflowsCreated: z.number(),
  executionsSucceeded: z.number(),
  executionsFailed: z.number(),
});

/** A workflow owner's first workflow and first successful run (ISO-8601; null: not yet). */
export const workflowOwnerMilestones = z.object({
  userId: z.string(),
  firstWorkflowAt: z.string(),
  firstSuccessfulRunAt: z.string().nullable(),
});

/** The answer: every day of the range, oldest first, and every workflow owner's milestones. */
export const workflowActivityResponse = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(workflowActivityDay),
  users: z.array(workflowOwnerMilestones),
});

export type WorkflowActivityDay = z.infer<typeof workflowActivityDay>;
export type WorkflowOwnerMilestones = z.infer<typeof workflowOwnerMilestones>;
export type WorkflowActivity = z.infer<typeof workflowActivityResponse>;
