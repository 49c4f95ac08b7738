import type { ReportFiguresFragment } from '../../generated/graphql';

/** The periods the report offers, in days ending today (UTC). */
export const PERIODS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIODS)[number];

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `from`/`to` (UTC dates, both included) of the last `days` days, today the last. */
export function reportPeriod(days: PeriodDays, now: number): { from: string; to: string } {
  return { from: isoDay(now - (days - 1) * DAY_MS), to: isoDay(now) };
}

/** A report day (YYYY-MM-DD, UTC) as uPlot's x value: seconds since the epoch. */
export function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

export interface ToolSeries {
  days: string[];
  tools: { tool: string; events: number[]; total: number }[];
}

/**
 * Events per tool as one series per tool over the aggregated days (a tool with no entry on an
 * aggregated day had none that day: 0), tools with the most events first.
 */
export function toolSeries(report: ReportFiguresFragment): ToolSeries {
  const days = [...new Set([...report.activity.map((a) => a.day), ...report.eventsPerToolPerDay.map((e) => e.day)])].sort();
  const index = new Map(days.map((day, i) => [day, i]));
  const byTool = new Map<string, number[]>();
  for (const entry of report.eventsPerToolPerDay) {
    const values = byTool.get(entry.tool) ?? days.map(() => 0);
    values[index.get(entry.day)!] += entry.events;
    byTool.set(entry.tool, values);
  }
  const tools = [...byTool.entries()].map(([tool, events]) => ({ tool, events, total: events.reduce((a, b) => a + b, 0) }));
  tools.sort((a, b) => b.total - a.total || a.tool.localeCompare(b.tool));
  return { days, tools };
}

export interface ActivitySeries {
  days: string[];
  activeUsers: number[];
  monthlyActiveUsers: number[];
  succeeded: number[];
  failed: number[];
  /** Percent; null on a day when nothing finished (a gap, not 0 %). */
  successRate: (number | null)[];
  workflowsCreated: number[];
}

export function activitySeries(report: ReportFiguresFragment): ActivitySeries {
  const activity = [...report.activity].sort((a, b) => a.day.localeCompare(b.day));
  return {
    days: activity.map((a) => a.day),
    activeUsers: activity.map((a) => a.activeUsers),
    monthlyActiveUsers: activity.map((a) => a.monthlyActiveUsers),
    succeeded: activity.map((a) => a.executionsSucceeded),
    failed: activity.map((a) => a.executionsFailed),
    successRate: activity.map((a) => (a.executionSuccessRate === null ? null : Math.round(a.executionSuccessRate * 1000) / 10)),
    workflowsCreated: activity.map((a) => a.workflowsCreated),
  };
}

/** Runs over the whole period: totals and the success rate of all finished runs. */
export function runTotals(series: ActivitySeries): { succeeded: number; failed: number; successRate: number | null } {
  const succeeded = series.succeeded.reduce((a, b) => a + b, 0);
  const failed = series.failed.reduce((a, b) => a + b, 0);
  return { succeeded, failed, successRate: succeeded + failed === 0 ? null : succeeded / (succeeded + failed) };
}

export interface FunnelStep {
  label: string;
  count: number;
  /** Share of the step before (0 to 1); null for the first step or after a step of 0. */
  ofPrevious: number | null;
}

export function funnelSteps(funnel: ReportFiguresFragment['activationFunnel']): FunnelStep[] {
  const steps: [string, number][] = [
    ['Joined', funnel.signedUp],
    ['First event', funnel.firstEvent],
    ['First workflow', funnel.firstWorkflow],
    ['First successful run', funnel.firstSuccessfulRun],
  ];
  return steps.map(([label, count], i) => {
    const previous = i > 0 ? steps[i - 1][1] : 0;
    return { label, count, ofPrevious: i > 0 && previous > 0 ? count / previous : null };
  });
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}
