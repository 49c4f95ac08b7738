/**
 * bench/patterns/mine.ts: batch mining time and quality of recovered planted patterns.
 * Run: `npx tsx bench/patterns/mine.ts` (no database needed). Prints a table; asserts nothing.
 *
 * For each size (100k and 1M events) it generates a seeded stream (generate.ts), splits each
 * user's events into sessions (30-minute idle gap), mines with PrefixSpan and scores:
 *
 * - Mined set M: every reported pattern, i.e. length ≥ 2 and support ≥ min support
 *   (`minSupport: { fraction: MIN_FRACTION }` of sessions), length ≤ MAX_LENGTH.
 * - Eligible planted set P: planted patterns whose number of sessions they were inserted into is
 *   ≥ the absolute min support (so a planted pattern too rare to be found is not counted against
 *   recall).
 * - recall = |P ∩ M| / |P| (a planted pattern counts as recovered when exactly its item sequence is
 *   in M).
 * - precision = |{ m ∈ M : m is a planted pattern, or an ordered (not necessarily contiguous)
 *   subsequence of length ≥ 2 of some planted pattern }| / |M|. Anything else in M is noise.
 *
 * Times: "sessionize" = splitting all users' events; "mine" = encoding + PrefixSpan + decoding.
 */
import {
  mineSequentialPatterns,
  type MiningSequence,
  type PatternItem,
  type SequentialPattern,
  sessionId,
  splitIntoSessions,
} from '@flowgraph/analytics/testing';
import { generateStream, type PlantedPattern } from './generate';

const SIZES = [100_000, 1_000_000];
const MIN_FRACTION = 0.03;
const MAX_LENGTH = 5;
const MAX_GAPS = [Infinity, 2];

const key = (items: readonly PatternItem[]) => items.map((item) => `${item.tool}.${item.eventType}`).join(' > ');

function isSubsequence(small: readonly PatternItem[], big: readonly PatternItem[]): boolean {
  let k = 0;
  for (const item of big) {
    if (k < small.length && item.tool === small[k].tool && item.eventType === small[k].eventType) k++;
  }
  return k === small.length;
}

function score(mined: SequentialPattern[], planted: readonly PlantedPattern[], plantedSessions: readonly number[], minCount: number) {
  const minedKeys = new Set(mined.map((p) => key(p.items)));
  const eligible = planted.filter((_, index) => plantedSessions[index] >= minCount);
  const recovered = eligible.filter((p) => minedKeys.has(key(p.items)));
  const relevant = mined.filter((m) => planted.some((p) => isSubsequence(m.items, p.items)));
  const noise = mined.filter((m) => !planted.some((p) => isSubsequence(m.items, p.items)));
  return {
    recall: eligible.length === 0 ? 1 : recovered.length / eligible.length,
    precision: mined.length === 0 ? 1 : relevant.length / mined.length,
    missed: eligible.filter((p) => !minedKeys.has(key(p.items))).map((p) => key(p.items)),
    noise: noise.slice(0, 5).map((m) => `${key(m.items)} (${m.support})`),
  };
}

function main(): void {
  const rows: Record<string, string | number>[] = [];
  for (const size of SIZES) {
    const stream = generateStream({ events: size, seed: 20260101 + size });
    let started = performance.now();
    const sequences: MiningSequence[] = [];
    for (const user of stream.users) {
      for (const session of splitIntoSessions(user.events)) {
        sequences.push({ id: sessionId(user.userId, session), items: session.events });
      }
    }
    const sessionizeMs = performance.now() - started;
    const minCount = Math.ceil(MIN_FRACTION * sequences.length);

    for (const maxGap of MAX_GAPS) {
      started = performance.now();
      const mined = mineSequentialPatterns(sequences, { minSupport: { fraction: MIN_FRACTION }, maxLength: MAX_LENGTH, maxGap });
      const mineMs = performance.now() - started;
      const result = score(mined, stream.planted, stream.plantedSessions, minCount);
      rows.push({
        events: stream.eventCount,
        sessions: sequences.length,
        'generated sessions': stream.sessionCount,
        maxGap: String(maxGap),
        'min support': minCount,
        'sessionize ms': Math.round(sessionizeMs),
        'mine ms': Math.round(mineMs),
        patterns: mined.length,
        recall: Number(result.recall.toFixed(3)),
        precision: Number(result.precision.toFixed(3)),
      });
      if (result.missed.length > 0) console.log(`missed (${stream.eventCount}, maxGap ${maxGap}):`, result.missed);
      if (result.noise.length > 0) console.log(`noise (${stream.eventCount}, maxGap ${maxGap}):`, result.noise);
    }
  }
  console.table(rows);
  console.log(`heap used at end: ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
}

main();
