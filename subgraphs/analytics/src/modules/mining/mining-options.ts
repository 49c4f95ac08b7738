import type { MiningOptions } from './mining.types';

/** Options with defaults applied and the support threshold made absolute. */
export interface ResolvedMiningOptions {
  readonly minCount: number;
  readonly minLength: number;
  readonly maxLength: number;
  readonly maxGap: number;
  readonly maxGapMs: number;
  readonly maxExamples: number;
}

function assertWhole(name: string, value: number, min: number): void {
  if (value !== Infinity && (!Number.isInteger(value) || value < min)) {
    throw new RangeError(`${name} must be an integer ≥ ${min} (got ${value})`);
  }
}

/** Validates options and applies the documented defaults. Throws RangeError on a bad value. */
export function resolveMiningOptions(options: MiningOptions, sequenceCount: number): ResolvedMiningOptions {
  let minCount: number;
  if ('count' in options.minSupport) {
    minCount = options.minSupport.count;
    assertWhole('minSupport.count', minCount, 1);
    if (minCount === Infinity) throw new RangeError('minSupport.count must be finite');
  } else {
    const { fraction } = options.minSupport;
    if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`minSupport.fraction must be in (0, 1] (got ${fraction})`);
    // The epsilon keeps 0.3 × 10 (= 3.0000000000000004) from becoming 4.
    minCount = Math.max(1, Math.ceil(fraction * sequenceCount - 1e-9));
  }
  const minLength = options.minLength ?? 2;
  const maxLength = options.maxLength ?? Infinity;
  const maxGap = options.maxGap ?? Infinity;
  const maxGapMs = options.maxGapMs ?? Infinity;
  const maxExamples = options.maxExamples ?? 3;
  if (!(maxGapMs >= 0)) throw new RangeError(`maxGapMs must be a non-negative number (got ${maxGapMs})`);
  assertWhole('minLength', minLength, 1);
  assertWhole('maxLength', maxLength, 1);
  assertWhole('maxGap', maxGap, 0);
  assertWhole('maxExamples', maxExamples, 0);
  if (minLength === Infinity) throw new RangeError('minLength must be finite');
  return { minCount, minLength, maxLength, maxGap, maxGapMs, maxExamples };
}
