import type { MiningSequence, PatternItem } from './mining.types';

/**
 * Sequences encoded as small integers in one flat buffer. Codes are assigned in the
 * lexicographic order of (tool, eventType), so comparing codes compares items.
 */
export interface SequenceDatabase {
  /** Item code → item. */
  readonly dictionary: readonly PatternItem[];
  /** All sequences' item codes, back to back. */
  readonly items: Int32Array;
  /** Sequence `s` occupies `items[offsets[s]] … items[offsets[s + 1] - 1]`; length = sequences + 1. */
  readonly offsets: Int32Array;
  readonly ids: readonly string[];
  /** When each item of `items` happened (ms), when the sequences carry times; else null. */
  readonly times: Float64Array | null;
}

const SEPARATOR = '\u0000';

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares items by tool, then event type, by UTF-16 code units (locale-independent). */
export function compareItems(a: PatternItem, b: PatternItem): number {
  return compareStrings(a.tool, b.tool) || compareStrings(a.eventType, b.eventType);
}

/** Builds the dictionary and the flat encoding of `sequences`. */
export function encodeSequences(sequences: readonly MiningSequence[]): SequenceDatabase {
  const distinct = new Map<string, PatternItem>();
  let total = 0;
  for (const sequence of sequences) {
    total += sequence.items.length;
    for (const item of sequence.items) {
      const key = item.tool + SEPARATOR + item.eventType;
      if (!distinct.has(key)) distinct.set(key, { tool: item.tool, eventType: item.eventType });
    }
  }
  const dictionary = [...distinct.values()].sort(compareItems);
  const codes = new Map<string, number>();
  dictionary.forEach((item, code) => codes.set(item.tool + SEPARATOR + item.eventType, code));

  const items = new Int32Array(total);
  const offsets = new Int32Array(sequences.length + 1);
  const timed = sequences.some((sequence) => sequence.times !== undefined);
  const times = timed ? new Float64Array(total) : null;
  let cursor = 0;
  sequences.forEach((sequence, s) => {
    offsets[s] = cursor;
    if (times) {
      const t = sequence.times;
      if (!t || t.length !== sequence.items.length)
        throw new RangeError(`sequence ${sequence.id}: times must be given for every item of every sequence`);
      for (let k = 0; k < t.length; k++) {
        if (k > 0 && !(t[k] >= t[k - 1])) throw new RangeError(`sequence ${sequence.id}: times must be non-decreasing`);
        times[cursor + k] = t[k];
      }
    }
    for (const item of sequence.items) items[cursor++] = codes.get(item.tool + SEPARATOR + item.eventType) as number;
  });
  offsets[sequences.length] = cursor;
  return { dictionary, items, offsets, ids: sequences.map((sequence) => sequence.id), times };
}
