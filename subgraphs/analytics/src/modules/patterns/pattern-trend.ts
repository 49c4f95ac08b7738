/** How often a pattern happened in the 7 days before its mining against the 7 days before those. */
export type TrendDirection = 'NEW' | 'RISING' | 'STEADY' | 'FALLING';

export interface PatternTrendCounts {
  support: number;
  supportLastWeek: number;
  supportPreviousWeek: number;
}

/**
 * The trend's direction, as of the mining that stored the counts (so it needs no clock):
 * - NEW: every session containing the pattern (in the mining window) started in the last 7 days,
 *   i.e. it was first seen within 7 days;
 * - RISING: last week > previous week × 1.25 (including 0 → some);
 * - FALLING: last week < previous week × 0.8 (= ÷ 1.25, the mirror of rising; including some → 0);
 * - STEADY otherwise (within ±25 %, or nothing in either week).
 * Compared in integers (4 × last vs 5 × previous) so no rounding decides a boundary.
 */
export function trendDirection({ support, supportLastWeek: last, supportPreviousWeek: previous }: PatternTrendCounts): TrendDirection {
  if (support > 0 && last === support) return 'NEW';
  if (4 * last > 5 * previous) return 'RISING';
  if (5 * last < 4 * previous) return 'FALLING';
  return 'STEADY';
}
