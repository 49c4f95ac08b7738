import { useMemo } from 'react';
import type { ReportFiguresFragment } from '../../generated/graphql';
import { ChartFigure } from './ChartFigure';
import { funnelSteps, percent } from './report-series';
import { PALETTE, UPlotChart, bars } from './UPlotChart';

/** uPlot bars over named categories: x is the category's index, labelled on the axis. */
function CategoryBars({ labels, values, color }: { labels: string[]; values: number[]; color: string }) {
  const data = useMemo(() => [labels.map((_, i) => i), values] as [number[], number[]], [labels, values]);
  const options = useMemo(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      series: [{}, { label: 'Count', stroke: color, fill: `${color}cc`, paths: bars() }],
      scales: {
        x: { time: false, range: [-0.5, labels.length - 0.5] as [number, number] },
        y: { range: (_u: unknown, _min: number, max: number): [number, number] => [0, Math.max(1, max)] },
      },
      axes: [
        {
          splits: () => labels.map((_, i) => i),
          values: (_u: unknown, splits: number[]) => splits.map((s) => (labels[s] ?? '').replace(' ', '\n')),
        },
        {},
      ],
    }),
    [labels, color],
  );
  return <UPlotChart options={options} data={data} height={200} />;
}

/** Suggestions offered, accepted and dismissed over the period, and the acceptance rate. */
export function SuggestionsChart({ report }: { report: ReportFiguresFragment }) {
  const { offered, accepted, dismissed, acceptanceRate } = report.suggestions;
  const labels = useMemo(() => ['Offered', 'Accepted', 'Dismissed'], []);
  const values = useMemo(() => [offered, accepted, dismissed], [offered, accepted, dismissed]);
  return (
    <ChartFigure
      title="Suggestion acceptance"
      caption={`${offered} offered, ${accepted} accepted, ${dismissed} dismissed: ${percent(acceptanceRate)} accepted.`}
      table={{ headings: ['Suggestions', 'Count'], rows: labels.map((label, i) => [label, values[i]]) }}
    >
      <CategoryBars labels={labels} values={values} color={PALETTE[1]} />
    </ChartFigure>
  );
}

/** Members who joined in the period, and how many reached each next step of activation. */
export function FunnelChart({ report }: { report: ReportFiguresFragment }) {
  const steps = useMemo(() => funnelSteps(report.activationFunnel), [report.activationFunnel]);
  const labels = useMemo(() => steps.map((s) => s.label), [steps]);
  const values = useMemo(() => steps.map((s) => s.count), [steps]);
  return (
    <ChartFigure
      title="Activation funnel"
      caption={steps.map((s) => `${s.label}: ${s.count}${s.ofPrevious === null ? '' : ` (${percent(s.ofPrevious)})`}`).join(' → ')}
      table={{ headings: ['Step', 'Members', 'Of the step before'], rows: steps.map((s) => [s.label, s.count, percent(s.ofPrevious)]) }}
    >
      <CategoryBars labels={labels} values={values} color={PALETTE[0]} />
    </ChartFigure>
  );
}
