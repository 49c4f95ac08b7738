import { describe, expect, it } from 'vitest';
import type { ReportFiguresFragment } from '../../src/generated/graphql';
import { activitySeries, daySeconds, funnelSteps, reportPeriod, runTotals, toolSeries } from '../../src/pages/reports/report-series';

const day = (d: string, runs: [number, number], rate: number | null) => ({
  day: d,
  activeUsers: 2,
  monthlyActiveUsers: 5,
  workflowsCreated: 1,
  executionsSucceeded: runs[0],
  executionsFailed: runs[1],
  executionSuccessRate: rate,
});

const report: ReportFiguresFragment = {
  from: '2026-03-01',
  to: '2026-03-03',
  aggregatedThrough: '2026-03-03T12:00:00Z',
  // Out of order on purpose; slack has no entry on 03-02.
  eventsPerToolPerDay: [
    { day: '2026-03-03', tool: 'slack', events: 4 },
    { day: '2026-03-01', tool: 'github', events: 3 },
    { day: '2026-03-01', tool: 'slack', events: 1 },
    { day: '2026-03-02', tool: 'github', events: 2 },
  ],
  activity: [day('2026-03-02', [0, 0], null), day('2026-03-01', [3, 1], 0.75), day('2026-03-03', [1, 0], 1)],
  suggestions: { offered: 4, accepted: 1, dismissed: 1, acceptanceRate: 0.25 },
  activationFunnel: { signedUp: 10, firstEvent: 5, firstWorkflow: 0, firstSuccessfulRun: 0 },
};

describe('report series', () => {
  it('asks for the last n days ending today (UTC), both included', () => {
    expect(reportPeriod(7, Date.parse('2026-03-10T23:30:00Z'))).toEqual({ from: '2026-03-04', to: '2026-03-10' });
    expect(reportPeriod(30, Date.parse('2026-03-10T00:00:00Z'))).toEqual({ from: '2026-02-09', to: '2026-03-10' });
  });

  it('turns a day into uPlot seconds at UTC midnight', () => {
    expect(daySeconds('2026-03-01')).toBe(Date.UTC(2026, 2, 1) / 1000);
  });

  it('makes one series per tool over the days in order, 0 where a tool had no entry, busiest tool first', () => {
    expect(toolSeries(report)).toEqual({
      days: ['2026-03-01', '2026-03-02', '2026-03-03'],
      tools: [
        { tool: 'github', events: [3, 2, 0], total: 5 },
        { tool: 'slack', events: [1, 0, 4], total: 5 },
      ],
    });
  });

  it('orders activity by day and leaves a gap (null) in the success rate of a day with no finished run', () => {
    const series = activitySeries(report);
    expect(series.days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(series.succeeded).toEqual([3, 0, 1]);
    expect(series.failed).toEqual([1, 0, 0]);
    expect(series.successRate).toEqual([75, null, 100]);
    expect(runTotals(series)).toEqual({ succeeded: 4, failed: 1, successRate: 0.8 });
  });

  it('has no success rate for a period without finished runs', () => {
    expect(runTotals(activitySeries({ ...report, activity: [day('2026-03-01', [0, 0], null)] })).successRate).toBeNull();
  });

  it('gives each funnel step its share of the step before, none after a step of 0', () => {
    expect(funnelSteps(report.activationFunnel)).toEqual([
      { label: 'Joined', count: 10, ofPrevious: null },
      { label: 'First event', count: 5, ofPrevious: 0.5 },
      { label: 'First workflow', count: 0, ofPrevious: 0 },
      { label: 'First successful run', count: 0, ofPrevious: null },
    ]);
  });
});
