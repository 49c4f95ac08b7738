/** One item of a sequential pattern: a tool and the kind of event it emitted. */
export interface PatternItem {
  readonly tool: string;
  readonly eventType: string;
}

/** One sequence to mine (in practice one session), identified for example reporting. */
export interface MiningSequence {
  readonly id: string;
  readonly items: readonly PatternItem[];
  /**
   * When each item happened (ms since the epoch, non-decreasing), same length as `items`.
   * Needed by `maxGapMs`; give it for every sequence or for none.
   */
  readonly times?: readonly number[];
}

/** Minimum support, as an absolute number of sessions or as a fraction of all sessions. */
export type MinSupport = { readonly count: number } | { readonly fraction: number };

export interface MiningOptions {
  /** Required. A fraction is turned into `ceil(fraction × sessions)`, at least 1. */
  readonly minSupport: MinSupport;
  /** Shortest pattern reported. Default 2. Shorter prefixes are still explored. */
  readonly minLength?: number;
  /** Longest pattern explored and reported. Default unlimited. */
  readonly maxLength?: number;
  /**
   * Maximum number of positions strictly between two consecutive matched items
   * (0 = adjacent). Default unlimited.
   */
  readonly maxGap?: number;
  /**
   * Most time (ms, inclusive) between two consecutive matched items; needs the sequences'
   * `times`. Combines with `maxGap` (both must hold). Default unlimited.
   */
  readonly maxGapMs?: number;
  /** How many example session ids each pattern carries. Default 3. */
  readonly maxExamples?: number;
}

/** A frequent sequential pattern. */
export interface SequentialPattern {
  readonly items: PatternItem[];
  /** Number of sessions containing the pattern as an ordered subsequence (once per session). */
  readonly support: number;
  /** support(pattern) / support(pattern without its last item); 1-item patterns: support / sessions. */
  readonly confidence: number;
  /** Ids of the first (in input order) sessions that contain the pattern, at most `maxExamples`. */
  readonly exampleSessionIds: string[];
}
