import { PLATFORM_TOOL } from '@flowgraph/contracts';
import type { AnalyticsConfig } from '../../config';
import type { MinableEvent } from '../event-copy/analytics-event.repository';
import { prefixSpan } from '../mining/prefixspan';
import { encodeSequences } from '../mining/sequence-database';
import { splitIntoSessions } from '../mining/sessions';
import type { PatternExample, PatternStep } from './pattern.entity';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Example sessions kept per pattern. */
export const MAX_EXAMPLES = 3;

/** What mining one user's events takes; from the analytics configuration by {@link userMiningOptions}. */
export interface UserMiningOptions {
  /** A gap between two events longer than this starts a new session. */
  idleGapMs: number;
  /** Most time between two consecutive steps of a pattern. */
  maxGapMs: number;
  /** A pattern is kept from this many sessions… */
  minSupport: number;
  /** …and from this fraction of the user's sessions (whichever is more). */
  minSupportRatio: number;
  /** Longest pattern, in steps. */
  maxLength: number;
  /** The window mined: the last this many days. */
  windowDays: number;
}

export function userMiningOptions(
  config: Pick<
    AnalyticsConfig,
    | 'SESSION_IDLE_MINUTES'
    | 'PATTERN_MAX_GAP_MINUTES'
    | 'PATTERN_MIN_SUPPORT'
    | 'PATTERN_MIN_SUPPORT_RATIO'
    | 'PATTERN_MAX_LENGTH'
    | 'PATTERN_WINDOW_DAYS'
  >,
): UserMiningOptions {
  return {
    idleGapMs: config.SESSION_IDLE_MINUTES * MINUTE_MS,
    maxGapMs: config.PATTERN_MAX_GAP_MINUTES * MINUTE_MS,
    minSupport: config.PATTERN_MIN_SUPPORT,
    minSupportRatio: config.PATTERN_MIN_SUPPORT_RATIO,
    maxLength: config.PATTERN_MAX_LENGTH,
    windowDays: config.PATTERN_WINDOW_DAYS,
  };
}

/** The events mined at `now`: those that happened from `now − windowDays` to `now`, both included. */
export function miningWindow(now: Date, windowDays: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - windowDays * DAY_MS), to: now };
}

/** A pattern as one mining finds it (an analytics.patterns row's mined values). */
export interface MinedPattern {
  sequence: PatternStep[];
  /** `tool/eventType>tool/eventType…`, as Postgres generates it from the sequence. */
  key: string;
  support: number;
  confidence: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  examples: PatternExample[];
  supportLastWeek: number;
  supportPreviousWeek: number;
}

export const patternKey = (sequence: readonly PatternStep[]) => sequence.map((s) => `${s.tool}/${s.eventType}`).join('>');

/** The absolute support threshold: max(minSupport, ⌈ratio × sessions⌉). */
export function minSupportCount(options: Pick<UserMiningOptions, 'minSupport' | 'minSupportRatio'>, sessions: number): number {
  // The epsilon keeps 0.3 × 10 (= 3.0000000000000004) from becoming 4.
  return Math.max(options.minSupport, Math.ceil(options.minSupportRatio * sessions - 1e-9));
}

/** Time, then ingestion order (events of one instant stay in the order sent), then id; no seq sorts last, as in Postgres. */
const byTimeThenSeqThenId = (a: MinableEvent, b: MinableEvent) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || (a.seq ?? Infinity) - (b.seq ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One user's patterns at `now`: a pure function of (events, now, options), so the nightly batch
 * and the near-real-time refresh agree on the same data.
 *
 * The user's events of the window (platform events left out), ordered by (time, ingestion
 * number, id), are split into sessions by the idle gap; PrefixSpan (docs/decisions/0009) finds the sequences of 2 to
 * maxLength steps contained in at least {@link minSupportCount} sessions with at most maxGapMs
 * between consecutive steps. For each:
 * - support: sessions containing it; confidence: support ÷ support of the pattern without its last step;
 * - firstSeenAt: start of the earliest session containing it; lastSeenAt: end of the latest
 *   (both within the window, so they move as old sessions leave it);
 * - examples: the ≤ 3 latest sessions containing it, latest first;
 * - supportLastWeek: sessions containing it that started in [now − 7 d, now];
 *   supportPreviousWeek: in [now − 14 d, now − 7 d).
 * Ordered by support (most first), then key.
 */
export function mineUserPatterns(events: readonly MinableEvent[], now: Date, options: UserMiningOptions): MinedPattern[] {
  const { from, to } = miningWindow(now, options.windowDays);
  const minable = events.filter((e) => e.tool !== PLATFORM_TOOL && e.occurredAt >= from && e.occurredAt <= to).sort(byTimeThenSeqThenId);
  const sessions = splitIntoSessions(minable, { idleGapMs: options.idleGapMs });
  if (sessions.length === 0) return [];

  const db = encodeSequences(
    sessions.map((session, index) => ({
      id: String(index),
      items: session.events.map((e) => ({ tool: e.tool, eventType: e.eventType })),
      times: session.events.map((e) => e.occurredAt.getTime()),
    })),
  );
  const found = prefixSpan(db, {
    minSupport: { count: minSupportCount(options, sessions.length) },
    minLength: 2,
    maxLength: options.maxLength,
    maxGapMs: options.maxGapMs,
    // Every containing session (ascending, i.e. oldest first): first/last seen, examples and trend come from them.
    maxExamples: Infinity,
  });

  const lastWeekFrom = now.getTime() - WEEK_MS;
  const previousWeekFrom = now.getTime() - 2 * WEEK_MS;
  const mined = found.map((pattern): MinedPattern => {
    const containing = pattern.examples.map((index) => sessions[index]);
    const sequence = pattern.items.map((code) => ({ tool: db.dictionary[code].tool, eventType: db.dictionary[code].eventType }));
    let supportLastWeek = 0;
    let supportPreviousWeek = 0;
    for (const session of containing) {
      const start = session.startedAt.getTime();
      if (start >= lastWeekFrom) supportLastWeek++;
      else if (start >= previousWeekFrom) supportPreviousWeek++;
    }
    return {
      sequence,
      key: patternKey(sequence),
      support: pattern.support,
      confidence: pattern.support / pattern.prefixSupport,
      firstSeenAt: containing[0].startedAt,
      lastSeenAt: containing[containing.length - 1].endedAt,
      examples: containing
        .slice(-MAX_EXAMPLES)
        .reverse()
        .map((s) => ({ startedAt: s.startedAt.toISOString(), endedAt: s.endedAt.toISOString(), eventCount: s.events.length })),
      supportLastWeek,
      supportPreviousWeek,
    };
  });
  return mined.sort((a, b) => b.support - a.support || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
