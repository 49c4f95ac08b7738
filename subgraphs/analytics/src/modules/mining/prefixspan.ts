/**
 * PrefixSpan (Pei et al., 2001/2004) over sessions of (tool, eventType) items, with
 * pseudo-projected databases: a projection is a list of (session, end positions) pointing
 * into the one flat encoded buffer, never a copy of the suffixes; no candidate generation.
 *
 * Support counts sessions, once per session. Without a max gap the earliest end position of
 * the prefix in a session is enough (any later match of the next item is reachable from it).
 * With a max gap it is not: a later occurrence of the prefix's last item may be the only one
 * within reach of the next item, so the projection keeps *every* reachable end position and
 * extends from all of them.
 *
 * Memory: a node's children hold at most one entry per (session, item) (no gap) or one per
 * position (gap), sized exactly by a counting pass into typed arrays; only the current DFS
 * path's projections are alive.
 */
import { resolveMiningOptions, type ResolvedMiningOptions } from './mining-options';
import type { MiningOptions, MiningSequence, SequentialPattern } from './mining.types';
import { encodeSequences, type SequenceDatabase } from './sequence-database';

/** Pattern over item codes, as found by {@link prefixSpan}. */
export interface EncodedPattern {
  readonly items: number[];
  readonly support: number;
  /** Support of the pattern without its last item (the number of sequences for a 1-item pattern). */
  readonly prefixSupport: number;
  /** Sequence indexes, ascending, at most `maxExamples`. */
  readonly examples: number[];
}

interface Projection {
  /** Number of sessions in the projection. */
  size: number;
  sessions: Int32Array;
  /** Session `k`'s end positions are `positions[offsets[k]] … positions[offsets[k + 1] - 1]`, ascending. */
  offsets: Int32Array;
  positions: Int32Array;
}

type Visit = (item: number, position: number) => void;

class Miner {
  private readonly support: Int32Array;
  private readonly positionCount: Int32Array;
  private readonly stamp: Float64Array;
  private readonly childOf: Int32Array;
  private currentStamp = 0;
  /** A max gap (positions or time) applies: projections keep every reachable end position. */
  private readonly gapped: boolean;
  private readonly path: number[] = [];
  readonly found: EncodedPattern[] = [];

  constructor(
    private readonly db: SequenceDatabase,
    private readonly options: ResolvedMiningOptions,
  ) {
    const n = db.dictionary.length;
    this.support = new Int32Array(n);
    this.positionCount = new Int32Array(n);
    this.stamp = new Float64Array(n).fill(-1);
    this.childOf = new Int32Array(n).fill(-1);
    if (options.maxGapMs !== Infinity && !db.times) throw new RangeError("maxGapMs needs the sequences' times");
    this.gapped = options.maxGap !== Infinity || options.maxGapMs !== Infinity;
  }

  run(): void {
    const count = this.db.offsets.length - 1;
    const root: Projection = {
      size: count,
      sessions: Int32Array.from({ length: count }, (_, s) => s),
      offsets: new Int32Array(0),
      positions: new Int32Array(0),
    };
    this.expand(root, true, count);
  }

  /** Visits the candidate positions for the next item of session `k` of `projection`, each once. */
  private scan(projection: Projection, k: number, isRoot: boolean, visit: Visit): void {
    const { items, offsets } = this.db;
    const s = projection.sessions[k];
    const end = offsets[s + 1];
    if (isRoot) {
      for (let j = offsets[s]; j < end; j++) visit(items[j], j);
      return;
    }
    const first = projection.offsets[k];
    const last = projection.offsets[k + 1];
    if (!this.gapped) {
      for (let j = projection.positions[first] + 1; j < end; j++) visit(items[j], j);
      return;
    }
    // Union of the windows after every end position p — at most maxGap positions and maxGapMs
    // away — without revisiting. Times are non-decreasing, so the windows' ends are too.
    const { maxGap, maxGapMs } = this.options;
    const times = this.db.times;
    let next = 0;
    for (let q = first; q < last; q++) {
      const p = projection.positions[q];
      const hi = Math.min(p + maxGap + 1, end - 1);
      const latest = times && maxGapMs !== Infinity ? times[p] + maxGapMs : Infinity;
      let j = Math.max(p + 1, next);
      for (; j <= hi && (latest === Infinity || (times as Float64Array)[j] <= latest); j++) visit(items[j], j);
      if (j > next) next = j;
    }
  }

  private expand(projection: Projection, isRoot: boolean, parentSupport: number): void {
    // With a max gap every reachable end position matters; without one the earliest suffices.
    const keepAll = this.gapped;
    const { support, positionCount, stamp } = this;
    const touched: number[] = [];

    // Pass 1: support (sessions) and projected positions per next item.
    const count: Visit = (item) => {
      if (stamp[item] !== this.currentStamp) {
        stamp[item] = this.currentStamp;
        if (support[item] === 0) touched.push(item);
        support[item]++;
        positionCount[item]++;
      } else if (keepAll) {
        positionCount[item]++;
      }
    };
    for (let k = 0; k < projection.size; k++) {
      this.currentStamp++;
      this.scan(projection, k, isRoot, count);
    }

    const frequent = touched.filter((item) => support[item] >= this.options.minCount).sort((a, b) => a - b);
    const children: Projection[] = frequent.map((item, index) => {
      this.childOf[item] = index;
      const size = support[item];
      return {
        size: 0,
        sessions: new Int32Array(size),
        offsets: new Int32Array(size + 1),
        positions: new Int32Array(positionCount[item]),
      };
    });
    const supports = frequent.map((item) => support[item]);
    for (const item of touched) {
      support[item] = 0;
      positionCount[item] = 0;
    }
    if (frequent.length === 0) return;

    // Pass 2: fill the children's pseudo-projections.
    let session = 0;
    const fill: Visit = (item, position) => {
      const index = this.childOf[item];
      if (index < 0) return;
      const child = children[index];
      const cursor = child.offsets[child.size];
      if (stamp[item] !== this.currentStamp) {
        stamp[item] = this.currentStamp;
        child.sessions[child.size] = session;
        child.positions[cursor] = position;
        child.size++;
        child.offsets[child.size] = cursor + 1;
      } else if (keepAll) {
        // Later positions of the same session: extend the session's last run.
        child.positions[cursor] = position;
        child.offsets[child.size] = cursor + 1;
      }
    };
    for (let k = 0; k < projection.size; k++) {
      this.currentStamp++;
      session = projection.sessions[k];
      this.scan(projection, k, isRoot, fill);
    }
    for (const item of frequent) this.childOf[item] = -1;

    const { minLength, maxLength, maxExamples } = this.options;
    for (let index = 0; index < frequent.length; index++) {
      const child = children[index];
      children[index] = undefined as unknown as Projection; // let the sibling be collected once done
      this.path.push(frequent[index]);
      if (this.path.length >= minLength) {
        this.found.push({
          items: [...this.path],
          support: supports[index],
          prefixSupport: parentSupport,
          examples: Array.from(child.sessions.subarray(0, Math.min(maxExamples, child.size))),
        });
      }
      if (this.path.length < maxLength) this.expand(child, false, supports[index]);
      this.path.pop();
    }
  }
}

function compareCodes(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** PrefixSpan over an encoded database. Order: support descending, then items lexicographic. */
export function prefixSpan(db: SequenceDatabase, options: MiningOptions): EncodedPattern[] {
  const miner = new Miner(db, resolveMiningOptions(options, db.offsets.length - 1));
  miner.run();
  return miner.found.sort((a, b) => b.support - a.support || compareCodes(a.items, b.items));
}

/** Frequent sequential patterns of `sequences` (see {@link MiningOptions} for the defaults). */
export function mineSequentialPatterns(sequences: readonly MiningSequence[], options: MiningOptions): SequentialPattern[] {
  const db = encodeSequences(sequences);
  return prefixSpan(db, options).map((pattern) => ({
    items: pattern.items.map((code) => db.dictionary[code]),
    support: pattern.support,
    confidence: pattern.support / pattern.prefixSupport,
    exampleSessionIds: pattern.examples.map((s) => db.ids[s]),
  }));
}
