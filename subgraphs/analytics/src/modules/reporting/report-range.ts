import { validationError, type FieldError } from '@flowgraph/kernel';
import { daysBetween, isUtcDay } from './utc-day';

/** The longest report, in days (both ends included): a year, leap day and all. */
export const MAX_REPORT_DAYS = 366;

export interface ReportRange {
  from: string;
  to: string;
}

/** Checks a report's days; throws VALIDATION_ERROR naming each bad field. */
export function checkReportRange(from: string, to: string): ReportRange {
  const details: FieldError[] = [];
  if (!isUtcDay(from)) details.push({ field: 'from', message: 'Must be a date as YYYY-MM-DD' });
  if (!isUtcDay(to)) details.push({ field: 'to', message: 'Must be a date as YYYY-MM-DD' });
  if (details.length === 0) {
    const days = daysBetween(from, to) + 1;
    if (days < 1) details.push({ field: 'to', message: 'Must not be before from' });
    else if (days > MAX_REPORT_DAYS)
      details.push({ field: 'to', message: `Must be at most ${MAX_REPORT_DAYS} days from from, both included (got ${days})` });
  }
  if (details.length > 0) throw validationError(details, 'Invalid report range');
  return { from, to };
}
