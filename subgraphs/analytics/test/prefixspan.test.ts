import { seededRandom } from '@flowgraph/kernel/testing';
import { mineSequentialPatterns } from '../src/modules/mining/prefixspan';
import type { MiningOptions, MiningSequence, PatternItem, SequentialPattern } from '../src/modules/mining/mining.types';

/** 'A' → { tool: 't', eventType: 'A' }; a sequence is written as space-separated letters. */
function item(letter: string): PatternItem {
  return { tool: 't', eventType: letter };
}

function sequences(...texts: string[]): MiningSequence[] {
  return texts.map((text, index) => ({ id: `s${index + 1}`, items: text.split(' ').filter(Boolean).map(item) }));
}

/** Patterns as 'A B: support' strings, in output order. */
function summary(patterns: SequentialPattern[]): string[] {
  return patterns.map((p) => `${p.items.map((i) => i.eventType).join(' ')}: ${p.support}`);
}

function find(patterns: SequentialPattern[], text: string): SequentialPattern | undefined {
  return patterns.find((p) => p.items.map((i) => i.eventType).join(' ') === text);
}

describe('mineSequentialPatterns (PrefixSpan)', () => {
  it('counts repeated items within a session once per session', () => {
    // s1 = A A B, s2 = A B, s3 = B A
    // <A> = 3, <B> = 3; <A,A> = 1 (s1); <A,B> = 2 (s1, s2); <B,A> = 1 (s3); <B,B> = 0; <A,A,B> = 1 (s1)
    const patterns = mineSequentialPatterns(sequences('A A B', 'A B', 'B A'), { minSupport: { count: 1 } });
    expect(summary(patterns)).toEqual(['A B: 2', 'A A: 1', 'A A B: 1', 'B A: 1']);
    // confidence: <A,B> 2/3, <A,A> 1/3, <A,A,B> 1/1, <B,A> 1/3
    expect(patterns.map((p) => p.confidence)).toEqual([2 / 3, 1 / 3, 1, 1 / 3]);
    expect(find(patterns, 'A B')?.exampleSessionIds).toEqual(['s1', 's2']);
  });

  it('orders ties lexicographically by items, a prefix before its extensions', () => {
    // s1 = A B C, s2 = C B A: every ordered pair of distinct letters once, plus <A,B,C> and <C,B,A>, all support 1
    const patterns = mineSequentialPatterns(sequences('A B C', 'C B A'), { minSupport: { count: 1 } });
    expect(summary(patterns)).toEqual(['A B: 1', 'A B C: 1', 'A C: 1', 'B A: 1', 'B C: 1', 'C A: 1', 'C B: 1', 'C B A: 1']);
  });

  it('orders items by tool, then event type', () => {
    const data: MiningSequence[] = [
      {
        id: 'x',
        items: [
          { tool: 'slack', eventType: 'a' },
          { tool: 'github', eventType: 'z' },
          { tool: 'github', eventType: 'b' },
        ],
      },
    ];
    const patterns = mineSequentialPatterns(data, { minSupport: { count: 1 }, maxLength: 2 });
    // all support 1: <slack.a, github.z>, <slack.a, github.b>, <github.z, github.b> → github.z first, then slack.a github.b before slack.a github.z
    expect(patterns.map((p) => p.items.map((i) => `${i.tool}.${i.eventType}`).join(' '))).toEqual([
      'github.z github.b',
      'slack.a github.b',
      'slack.a github.z',
    ]);
  });

  describe('min support', () => {
    // s1 = A B C, s2 = A B, s3 = A C, s4 = B C
    // <A> = <B> = <C> = 3; <A,B> = 2 (s1, s2); <A,C> = 2 (s1, s3); <B,C> = 2 (s1, s4); <A,B,C> = 1 (s1); reversed pairs 0
    const data = sequences('A B C', 'A B', 'A C', 'B C');

    it('accepts an absolute count', () => {
      expect(summary(mineSequentialPatterns(data, { minSupport: { count: 2 } }))).toEqual(['A B: 2', 'A C: 2', 'B C: 2']);
      expect(summary(mineSequentialPatterns(data, { minSupport: { count: 3 } }))).toEqual([]);
    });

    it('accepts a fraction of sessions, rounded up', () => {
      // 0.5 × 4 = 2; 0.3 × 4 = 1.2 → 2; 0.25 × 4 = 1
      expect(summary(mineSequentialPatterns(data, { minSupport: { fraction: 0.5 } }))).toEqual(['A B: 2', 'A C: 2', 'B C: 2']);
      expect(summary(mineSequentialPatterns(data, { minSupport: { fraction: 0.3 } }))).toEqual(['A B: 2', 'A C: 2', 'B C: 2']);
      expect(summary(mineSequentialPatterns(data, { minSupport: { fraction: 0.25 } }))).toEqual(['A B: 2', 'A C: 2', 'B C: 2', 'A B C: 1']);
    });

    it('reports confidence against the support of the prefix', () => {
      const patterns = mineSequentialPatterns(data, { minSupport: { count: 1 }, minLength: 1 });
      // <A> 3/4 sessions; <A,B> 2/3; <A,B,C> 1/2 (prefix <A,B> = 2)
      expect(find(patterns, 'A')?.confidence).toBe(3 / 4);
      expect(find(patterns, 'A B')?.confidence).toBe(2 / 3);
      expect(find(patterns, 'A B C')?.confidence).toBe(1 / 2);
      expect(find(patterns, 'A B C')?.exampleSessionIds).toEqual(['s1']);
    });

    it('rejects invalid thresholds', () => {
      expect(() => mineSequentialPatterns(data, { minSupport: { count: 0 } })).toThrow(RangeError);
      expect(() => mineSequentialPatterns(data, { minSupport: { count: 1.5 } })).toThrow(RangeError);
      expect(() => mineSequentialPatterns(data, { minSupport: { fraction: 0 } })).toThrow(RangeError);
      expect(() => mineSequentialPatterns(data, { minSupport: { fraction: 1.2 } })).toThrow(RangeError);
      expect(() => mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGap: -1 })).toThrow(RangeError);
    });
  });

  it('stops at the max pattern length', () => {
    const data = sequences('A B C', 'A B', 'A C', 'B C');
    expect(summary(mineSequentialPatterns(data, { minSupport: { count: 1 }, maxLength: 2 }))).toEqual(['A B: 2', 'A C: 2', 'B C: 2']);
  });

  it('reports at most three example sessions, the first in input order', () => {
    const patterns = mineSequentialPatterns(sequences('B', 'A B', 'A B', 'A B', 'A B'), { minSupport: { count: 1 } });
    expect(summary(patterns)).toEqual(['A B: 4']);
    expect(patterns[0].exampleSessionIds).toEqual(['s2', 's3', 's4']);
  });

  describe('max gap', () => {
    it('counts only items at most maxGap positions apart', () => {
      // s1 = A X B (one position between A and B), s2 = A B
      // maxGap 0: <A,B> = 1 (s2); maxGap 1: <A,B> = 2
      const data = sequences('A X B', 'A B');
      expect(find(mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGap: 0 }), 'A B')?.support).toBe(1);
      expect(find(mineSequentialPatterns(data, { minSupport: { count: 1 }, maxGap: 1 }), 'A B')?.support).toBe(2);
    });

    it('uses a later occurrence of the prefix when the first is too far away', () => {
      // s1 = A X X A X B, maxGap 1: A@0 → B@5 is 4 apart, A@3 → B@5 is 1 apart → <A,B> = 1
      const first = mineSequentialPatterns(sequences('A X X A X B'), { minSupport: { count: 1 }, maxGap: 1 });
      expect(find(first, 'A B')?.support).toBe(1);
      // s1 = A B X X A B C, maxGap 0: <A,B> ends at 1 and 5; C@6 follows only B@5 → <A,B,C> = 1
      const chained = mineSequentialPatterns(sequences('A B X X A B C'), { minSupport: { count: 1 }, maxGap: 0 });
      expect(find(chained, 'A B C')?.support).toBe(1);
      expect(find(chained, 'A B C')?.confidence).toBe(1);
    });

    it('extends only from prefix occurrences that are themselves within the gap', () => {
      // s1 = A X B X X B C, maxGap 1: <A,B> only via B@2 (B@5 is 4 after A@0) → <A,B> = 1;
      // <B,C> = 1 (B@5 → C@6); <A,B,C> = 0 (C@6 is 3 after B@2); <A,C> = 0
      const patterns = mineSequentialPatterns(sequences('A X B X X B C'), { minSupport: { count: 1 }, maxGap: 1 });
      expect(find(patterns, 'A B')?.support).toBe(1);
      expect(find(patterns, 'B C')?.support).toBe(1);
      expect(find(patterns, 'A B C')).toBeUndefined();
      expect(find(patterns, 'A C')).toBeUndefined();
    });
  });

  describe('agrees with brute force on small random inputs', () => {
    function contains(session: string[], pattern: string[], maxGap: number, from = -1, depth = 0): boolean {
      if (depth === pattern.length) return true;
      const last = depth === 0 ? session.length - 1 : Math.min(session.length - 1, from + maxGap + 1);
      for (let j = from + 1; j <= last; j++) {
        if (session[j] === pattern[depth] && contains(session, pattern, maxGap, j, depth + 1)) return true;
      }
      return false;
    }

    const alphabet = ['A', 'B', 'C', 'D'];
    const candidates: string[][] = [];
    for (const a of alphabet) {
      candidates.push([a]);
      for (const b of alphabet) {
        candidates.push([a, b]);
        for (const c of alphabet) candidates.push([a, b, c]);
      }
    }

    it.each([Infinity, 0, 1, 2])('maxGap %s', (maxGap) => {
      for (let seed = 1; seed <= 40; seed++) {
        const random = seededRandom(seed * 7919 + (maxGap === Infinity ? 0 : maxGap + 1));
        const letters = alphabet.slice(0, 2 + Math.floor(random() * 3));
        const raw = Array.from({ length: 3 + Math.floor(random() * 10) }, () =>
          Array.from({ length: Math.floor(random() * 9) }, () => letters[Math.floor(random() * letters.length)]),
        );
        const data = sequences(...raw.map((s) => s.join(' ')));
        const minCount = 1 + Math.floor(random() * 3);
        const options: MiningOptions = { minSupport: { count: minCount }, minLength: 1, maxLength: 3, maxGap };

        const expected = new Map<string, number>();
        for (const pattern of candidates) {
          const support = raw.filter((session) => contains(session, pattern, maxGap)).length;
          if (support >= minCount) expected.set(pattern.join(' '), support);
        }
        const mined = mineSequentialPatterns(data, options);
        const actual = new Map(mined.map((p) => [p.items.map((i) => i.eventType).join(' '), p.support]));
        expect(actual).toEqual(expected);

        for (const p of mined) {
          const letters = p.items.map((i) => i.eventType);
          const prefix = letters.slice(0, -1);
          const prefixSupport = prefix.length === 0 ? raw.length : raw.filter((s) => contains(s, prefix, maxGap)).length;
          expect(p.confidence).toBeCloseTo(p.support / prefixSupport, 12);
          expect(p.exampleSessionIds.length).toBe(Math.min(3, p.support));
          for (const id of p.exampleSessionIds) expect(contains(raw[Number(id.slice(1)) - 1], letters, maxGap)).toBe(true);
        }
      }
    });
  });
});
