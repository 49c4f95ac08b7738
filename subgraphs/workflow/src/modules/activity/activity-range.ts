import type { ActivityRange } from '@flowgraph/contracts';

const DAY_MS = 86_400_000;

/** The instants bounding the range: the start of `from` and the start of the day after `to`, in UTC. */
export function rangeInstants(range: ActivityRange): { start: Date; end: Date } {
  return { start: new Date(`${range.from}T00:00:00Z`), end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS) };
}
