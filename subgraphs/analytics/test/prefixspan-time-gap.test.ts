import { seededRandom } from '@flowgraph/kernel/testing';
import { mineSequentialPatterns } from '../src/modules/mining/prefixspan';
import type { MiningOptions, MiningSequence, SequentialPattern } from '../src/modules/mining/mining.types';

const MIN = 60_000;

/** 'A@0 B@10' → items A, B at minutes 0 and 10. */
function timed(...texts: string[]): MiningSequence[] {
  return texts.map((text, index) => {
    const steps = text
      .split(' ')
      .filter(Boolean)
      .map((s) => s.split('@'));
    return { id: `s${index + 1}`, items: steps.map(([l]) => ({ tool: 't', eventType: l })), times: steps.map(([, m]) => Number(m) * MIN) };
  });
}

const find = (patterns: SequentialPattern[], text: string) => patterns.find((p) => p.items.map((i) => i.eventType).join(' ') === text);

describe('PrefixSpan with a max time gap between consecutive steps', () => {
  it('counts a step only within maxGapMs of the previous one, inclusive', () => {
    // s1: B 30 min after A (kept at a 30-minute gap); s2: 31 min (too far); s3: A X B with B 20 min after A
    const data = timed('A@0 B@30', 'A@0 B@31', 'A@0 X@10 B@20');
    const patterns = mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGapMs: 30 * MIN });
    expect(find(patterns, 'A B')?.support).toBe(2);
    expect(find(patterns, 'A B')?.exampleSessionIds).toEqual(['s1', 's3']);
    expect(find(mineSequentialPatterns(data, { minSupport: { count: 1 } }), 'A B')?.support).toBe(3);
  });

  it('extends from a later occurrence of the prefix when the first is too far in time', () => {
    // A@0 … A@50 B@60: only A@50 is within 30 min of B; then C@85 is within 30 min of B@60
    const patterns = mineSequentialPatterns(timed('A@0 X@25 A@50 B@60 C@85'), { minSupport: { count: 1 }, maxGapMs: 30 * MIN });
    expect(find(patterns, 'A B')?.support).toBe(1);
    expect(find(patterns, 'A B C')?.support).toBe(1);
    expect(find(patterns, 'A X')?.support).toBe(1);
    expect(find(patterns, 'X B')).toBeUndefined(); // 35 min
  });

  it('combines with the positional gap: both must hold', () => {
    const data = timed('A@0 X@1 B@2');
    expect(find(mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGapMs: 5 * MIN, maxGap: 0 }), 'A B')).toBeUndefined();
    expect(find(mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGapMs: 5 * MIN, maxGap: 1 }), 'A B')?.support).toBe(1);
  });

  it('refuses a time gap without times, and times out of order', () => {
    const untimed: MiningSequence[] = [{ id: 'x', items: [{ tool: 't', eventType: 'A' }] }];
    expect(() => mineSequentialPatterns(untimed, { minSupport: { count: 1 }, maxGapMs: 1 })).toThrow(RangeError);
    expect(() => mineSequentialPatterns(timed('A@5 B@4'), { minSupport: { count: 1 } })).toThrow(RangeError);
    expect(() => mineSequentialPatterns(timed('A@0'), { minSupport: { count: 1 }, maxGapMs: -1 })).toThrow(RangeError);
  });

  describe('agrees with brute force on small random inputs', () => {
    interface Step {
      letter: string;
      time: number;
    }
    function contains(session: Step[], pattern: string[], gapMs: number, gap: number, from = -1, depth = 0): boolean {
      if (depth === pattern.length) return true;
      for (let j = from + 1; j < session.length; j++) {
        if (depth > 0 && (j - from - 1 > gap || session[j].time - session[from].time > gapMs)) break;
        if (session[j].letter === pattern[depth] && contains(session, pattern, gapMs, gap, j, depth + 1)) return true;
      }
      return false;
    }

    const alphabet = ['A', 'B', 'C'];
    const candidates: string[][] = [];
    for (const a of alphabet)
      for (const b of alphabet) {
        candidates.push([a, b]);
        for (const c of alphabet) candidates.push([a, b, c]);
      }

    it.each([
      [10, Infinity],
      [25, Infinity],
      [0, Infinity],
      [20, 1],
    ])('maxGapMs %s min, maxGap %s', (gapMinutes, gap) => {
      for (let seed = 1; seed <= 40; seed++) {
        const random = seededRandom(seed * 104729 + gapMinutes);
        const raw: Step[][] = Array.from({ length: 3 + Math.floor(random() * 8) }, () => {
          let time = 0;
          return Array.from({ length: Math.floor(random() * 9) }, () => {
            time += Math.floor(random() * 4) * 5 * MIN; // 0, 5, 10 or 15 minutes apart (ties included)
            return { letter: alphabet[Math.floor(random() * alphabet.length)], time };
          });
        });
        const data: MiningSequence[] = raw.map((s, i) => ({
          id: `s${i}`,
          items: s.map((x) => ({ tool: 't', eventType: x.letter })),
          times: s.map((x) => x.time),
        }));
        const minCount = 1 + Math.floor(random() * 2);
        const options: MiningOptions = {
          minSupport: { count: minCount },
          maxLength: 3,
          maxGapMs: gapMinutes * MIN,
          maxGap: gap,
          maxExamples: Infinity,
        };

        const expected = new Map<string, number>();
        for (const pattern of candidates) {
          const support = raw.filter((s) => contains(s, pattern, gapMinutes * MIN, gap)).length;
          if (support >= minCount) expected.set(pattern.join(' '), support);
        }
        const mined = mineSequentialPatterns(data, options);
        expect(new Map(mined.map((p) => [p.items.map((i) => i.eventType).join(' '), p.support]))).toEqual(expected);
        for (const p of mined) {
          const letters = p.items.map((i) => i.eventType);
          const holders = raw.flatMap((s, i) => (contains(s, letters, gapMinutes * MIN, gap) ? [`s${i}`] : []));
          expect(p.exampleSessionIds).toEqual(holders);
        }
      }
    });
  });
});
