import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
// uPlot has no exports map and ships its stylesheet only under dist/; this is a third-party file, not our build output.
// eslint-disable-next-line flowgraph/package-arrows
import 'uplot/dist/uPlot.min.css';

interface UPlotChartProps {
  /** The chart's options without its size: the width follows the container. */
  options: Omit<Options, 'width' | 'height'>;
  data: AlignedData;
  height?: number;
}

/**
 * A uPlot chart as wide as its container. The canvas is hidden from assistive technology: every
 * chart's figure carries its figures as text (caption and table) instead.
 */
export function UPlotChart({ options, data, height = 220 }: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = new uPlot({ ...options, width: element.clientWidth || 320, height }, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);
  return <div ref={container} className="chart" aria-hidden="true" />;
}

/** Colours that stay apart for common colour blindness (Okabe–Ito). */
export const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'];

/** Bars for a series, for counts per day or per category. */
export const bars = () => uPlot.paths.bars!({ size: [0.6, 48] });

const DAY = 86_400;
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Report days are UTC dates: ticks a day apart or more, labelled as dates in UTC (no hours). */
export const dayAxis = {
  tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
  axis: {
    incrs: [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY],
    values: (_u: uPlot, splits: number[]) => splits.map((s) => dayLabel.format(new Date(s * 1000))),
  },
};
