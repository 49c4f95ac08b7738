import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { GaugeReading, ScrapedGaugeOptions } from '@flowgraph/kernel';
import { addDays, utcDay } from './utc-day';

/** The daily aggregates change once a night (or on an admin's refresh): one read serves scrapes for this long. */
const CACHE_MS = 5 * 60_000;

interface FigureRow {
  figure: string;
  tool: string | null;
  value: string | number;
}

/** Funnel steps, in order, as `analytics.platform_figures` names them. */
const FUNNEL_STEPS = ['joined', 'first_event', 'first_workflow', 'first_successful_run'];

/**
 * The platform's business figures for the analytics worker's `/metrics`, from the daily
 * aggregates of yesterday (UTC; partial until the nightly job has run at 00:30), summed over
 * organizations by `analytics.platform_figures`:
 * - `analytics_platform_day{figure}`: active_users (DAU), monthly_active_users (MAU),
 *   workflows_created, executions_succeeded/failed, suggestions_offered/accepted/dismissed,
 *   active_organizations. A user active in two organizations counts in each.
 * - `analytics_tool_organizations{tool}`: organizations whose members sent that tool's events (adoption).
 * - `analytics_activation_funnel{step}`: members who joined in the 30 days to yesterday and
 *   reached each step (each counting only those who reached the previous ones).
 */
export function platformFigureGauges(orm: MikroORM, now: () => Date = () => new Date()): ScrapedGaugeOptions[] {
  let cached: { rows: FigureRow[]; until: number } | undefined;
  const rows = async () => {
    if (!cached || now().getTime() >= cached.until) {
      const day = addDays(utcDay(now()), -1);
      const em = orm.em.fork() as EntityManager;
      cached = {
        rows: await em.execute<FigureRow[]>('select * from analytics.platform_figures(?::date)', [day]),
        until: now().getTime() + CACHE_MS,
      };
    }
    return cached.rows;
  };
  const gauge = (name: string, help: string, label: string, pick: (row: FigureRow) => string | null): ScrapedGaugeOptions => ({
    name,
    help,
    labelNames: [label],
    async read(): Promise<GaugeReading[]> {
      return (await rows()).flatMap((row) => {
        const value = pick(row);
        return value === null ? [] : [{ labels: { [label]: value }, value: Number(row.value) }];
      });
    },
  });
  const funnelStep = (figure: string) => (figure.startsWith('funnel_') ? figure.slice('funnel_'.length) : null);
  return [
    gauge('analytics_platform_day', "Yesterday's daily aggregates summed over organizations", 'figure', (row) =>
      row.tool === null && funnelStep(row.figure) === null ? row.figure : null,
    ),
    gauge('analytics_tool_organizations', 'Organizations whose members sent events of the tool yesterday', 'tool', (row) =>
      row.figure === 'tool_organizations' ? row.tool : null,
    ),
    gauge('analytics_activation_funnel', 'Members who joined in the 30 days to yesterday, by funnel step reached', 'step', (row) => {
      const step = funnelStep(row.figure);
      return step !== null && FUNNEL_STEPS.includes(step) ? step : null;
    }),
  ];
}
