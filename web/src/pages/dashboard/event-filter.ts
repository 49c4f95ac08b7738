import type { EventFilter } from '../../generated/graphql';

/** The time ranges the timeline offers, by how far back they reach. */
export const RANGES = {
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 86_400_000 },
  '30d': { label: 'Last 30 days', ms: 30 * 86_400_000 },
  all: { label: 'Any time', ms: null },
} as const;
export type RangeKey = keyof typeof RANGES;

/** The timeline's filters as the form and the address bar hold them (`?tool=&type=&range=`). */
export interface TimelineFilters {
  tool: string;
  eventType: string;
  range: RangeKey;
}

// The characters Core accepts in a tool and an event type (EventInput), so a typo is caught here.
const TOOL = /^[a-z0-9_.-]{1,50}$/;
const EVENT_TYPE = /^[a-z0-9_.:-]{1,100}$/;

export function filtersFromParams(params: URLSearchParams): TimelineFilters {
  const range = params.get('range') ?? '7d';
  return {
    tool: params.get('tool') ?? '',
    eventType: params.get('type') ?? '',
    range: range in RANGES ? (range as RangeKey) : '7d',
  };
}

export function paramsFromFilters(filters: TimelineFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.tool.trim()) params.set('tool', filters.tool.trim().toLowerCase());
  if (filters.eventType.trim()) params.set('type', filters.eventType.trim().toLowerCase());
  if (filters.range !== '7d') params.set('range', filters.range);
  return params;
}

/** What is wrong with the typed filters, by field; empty when they may be applied. */
export function checkFilters(filters: TimelineFilters): Partial<Record<'tool' | 'eventType', string>> {
  const problems: Partial<Record<'tool' | 'eventType', string>> = {};
  const tool = filters.tool.trim().toLowerCase();
  const eventType = filters.eventType.trim().toLowerCase();
  if (tool && !TOOL.test(tool)) problems.tool = 'Letters, digits and _ . - only (at most 50), e.g. github';
  if (eventType && !EVENT_TYPE.test(eventType)) problems.eventType = 'Letters, digits and _ . : - only (at most 100), e.g. pr.opened';
  return problems;
}

/** The `events` filter for the chosen filters, with the range counted back from `now`. */
export function eventFilterOf(filters: TimelineFilters, now: number): EventFilter {
  const filter: EventFilter = {};
  const tool = filters.tool.trim().toLowerCase();
  const eventType = filters.eventType.trim().toLowerCase();
  if (tool) filter.tool = tool;
  if (eventType) filter.eventType = eventType;
  const back = RANGES[filters.range].ms;
  if (back !== null) filter.from = new Date(now - back).toISOString();
  return filter;
}
