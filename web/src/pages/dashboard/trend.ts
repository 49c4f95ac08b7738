import type { TopPatternsQuery, TrendDirection } from '../../generated/graphql';

type PatternTrend = NonNullable<TopPatternsQuery['me']>['patterns']['edges'][number]['node']['trend'];

const WORDS: Record<TrendDirection, { label: string; symbol: string }> = {
  NEW: { label: 'New', symbol: '★' },
  RISING: { label: 'Rising', symbol: '▲' },
  FALLING: { label: 'Falling', symbol: '▼' },
  STEADY: { label: 'Steady', symbol: '▬' },
};

/** A trend as words a person reads: "Rising: 6 sessions last week, 2 the week before". */
export function describeTrend(trend: PatternTrend): { label: string; symbol: string; detail: string } {
  const sessions = (n: number) => `${n} session${n === 1 ? '' : 's'}`;
  return {
    ...WORDS[trend.direction],
    detail: `${sessions(trend.lastWeek)} last week, ${trend.previousWeek} the week before`,
  };
}
