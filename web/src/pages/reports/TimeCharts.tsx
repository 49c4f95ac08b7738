import { useMemo } from 'react';
import type { ReportFiguresFragment } from '../../generated/graphql';
import { ChartFigure } from './ChartFigure';
import { activitySeries, daySeconds, percent, runTotals, toolSeries } from './report-series';
import { PALETTE, UPlotChart, bars, dayAxis } from './UPlotChart';

const count = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n);

/** Events per connected tool per day, one line per tool. */
export function ToolActivityChart({ report }: { report: ReportFiguresFragment }) {
  const series = useMemo(() => toolSeries(report), [report]);
  const data = useMemo(() => [series.days.map(daySeconds), ...series.tools.map((t) => t.events)] as [number[], ...number[][]], [series]);
  const options = useMemo(
    () => ({
      series: [{}, ...series.tools.map((t, i) => ({ label: t.tool, stroke: PALETTE[i % PALETTE.length], width: 2 }))],
      scales: { y: { range: (_u: unknown, _min: number, max: number): [number, number] => [0, Math.max(1, max)] } },
      tzDate: dayAxis.tzDate,
      axes: [dayAxis.axis, {}],
    }),
    [series],
  );
  const total = series.tools.reduce((sum, t) => sum + t.total, 0);
  return (
    <ChartFigure
      title="Activity per tool"
      caption={
        series.tools.length === 0
          ? 'No events from connected tools in this period.'
          : `${total} events: ${series.tools.map((t) => `${t.tool} ${t.total}`).join(', ')}.`
      }
      table={{
        headings: ['Day', ...series.tools.map((t) => t.tool)],
        rows: series.days.map((day, i) => [day, ...series.tools.map((t) => t.events[i])]),
      }}
    >
      {series.tools.length > 0 && <UPlotChart options={options} data={data} />}
    </ChartFigure>
  );
}

/** Daily and rolling 30-day active users. */
export function ActiveUsersChart({ report }: { report: ReportFiguresFragment }) {
  const series = useMemo(() => activitySeries(report), [report]);
  const data = useMemo(
    () => [series.days.map(daySeconds), series.activeUsers, series.monthlyActiveUsers] as [number[], number[], number[]],
    [series],
  );
  const options = useMemo(
    () => ({
      series: [
        {},
        { label: 'Daily active', stroke: PALETTE[0], width: 2 },
        { label: 'Monthly active', stroke: PALETTE[1], width: 2, dash: [6, 4] },
      ],
      scales: { y: { range: (_u: unknown, _min: number, max: number): [number, number] => [0, Math.max(1, max)] } },
      tzDate: dayAxis.tzDate,
      axes: [dayAxis.axis, {}],
    }),
    [],
  );
  const last = series.days.length - 1;
  return (
    <ChartFigure
      title="Active users (DAU / MAU)"
      caption={
        last < 0
          ? 'No days computed yet.'
          : `On ${series.days[last]}: ${series.activeUsers[last]} daily active, ${series.monthlyActiveUsers[last]} monthly active (30 days). Highest daily: ${Math.max(...series.activeUsers)}.`
      }
      table={{
        headings: ['Day', 'Daily active', 'Monthly active'],
        rows: series.days.map((day, i) => [day, series.activeUsers[i], series.monthlyActiveUsers[i]]),
      }}
    >
      {last >= 0 && <UPlotChart options={options} data={data} />}
    </ChartFigure>
  );
}

/** Workflow runs per day (succeeded and failed bars) and the success rate (line, right axis). */
export function RunsChart({ report }: { report: ReportFiguresFragment }) {
  const series = useMemo(() => activitySeries(report), [report]);
  const totals = runTotals(series);
  const data = useMemo(
    () =>
      [series.days.map(daySeconds), series.succeeded, series.failed, series.successRate] as [
        number[],
        number[],
        number[],
        (number | null)[],
      ],
    [series],
  );
  const options = useMemo(
    () => ({
      series: [
        {},
        { label: 'Succeeded', stroke: PALETTE[2], fill: `${PALETTE[2]}99`, paths: bars() },
        { label: 'Failed', stroke: PALETTE[5], fill: `${PALETTE[5]}99`, paths: bars() },
        { label: 'Success rate %', stroke: PALETTE[0], width: 2, scale: '%' },
      ],
      scales: {
        y: { range: (_u: unknown, _min: number, max: number): [number, number] => [0, Math.max(1, max)] },
        '%': { range: [0, 100] as [number, number] },
      },
      tzDate: dayAxis.tzDate,
      axes: [
        dayAxis.axis,
        {},
        { scale: '%', side: 1, grid: { show: false }, values: (_u: unknown, splits: number[]) => splits.map((s) => `${s} %`) },
      ],
    }),
    [],
  );
  const created = series.workflowsCreated.reduce((a, b) => a + b, 0);
  return (
    <ChartFigure
      title="Workflow runs"
      caption={`${totals.succeeded} succeeded, ${totals.failed} failed: ${percent(totals.successRate)} success rate. ${created} workflow${created === 1 ? '' : 's'} created.`}
      table={{
        headings: ['Day', 'Succeeded', 'Failed', 'Success rate', 'Workflows created'],
        rows: series.days.map((day, i) => [
          day,
          series.succeeded[i],
          series.failed[i],
          series.successRate[i] === null ? '—' : `${series.successRate[i]} %`,
          count(series.workflowsCreated[i]),
        ]),
      }}
    >
      {series.days.length > 0 && <UPlotChart options={options} data={data} />}
    </ChartFigure>
  );
}
