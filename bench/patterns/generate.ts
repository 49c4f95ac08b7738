/**
 * bench/patterns/generate.ts: synthetic per-user event streams with PLANTED sequential
 * patterns (known ground truth) among noise, from a seeded PRNG (same seed → same stream).
 *
 * Shape: users with a few dozen to a couple of hundred sessions each; a session is 3–10 noise
 * events (configurable) drawn from 70 (tool, eventType) items with a mild popularity skew; with probability
 * `plant.fraction` a session also carries one planted pattern (at most one per session), its
 * items inserted in order with 0–2 noise events between consecutive ones. Events inside a session
 * are 5 s–20 min apart; sessions are 35 min–16 h apart, so a 30-minute idle gap recovers exactly
 * the generated sessions.
 */
import { seededRandom } from '@flowgraph/kernel/testing';
import type { PatternItem } from '@flowgraph/analytics/testing';

export interface GeneratedEvent extends PatternItem {
  readonly occurredAt: Date;
}

export interface PlantedPattern {
  readonly items: readonly PatternItem[];
  /** Probability that a session carries this pattern. */
  readonly fraction: number;
}

export interface GeneratedStream {
  /** Per user, events ordered by time. */
  readonly users: { readonly userId: string; readonly events: GeneratedEvent[] }[];
  readonly eventCount: number;
  readonly sessionCount: number;
  readonly planted: readonly PlantedPattern[];
  /** Per planted pattern (same index), the number of sessions it was inserted into. */
  readonly plantedSessions: readonly number[];
}

export interface GenerateOptions {
  readonly events: number;
  readonly seed?: number;
  readonly planted?: readonly PlantedPattern[];
  /**
   * Popularity skew of noise items: weight 1 / (rank + 10)^skew. Default 0.3 (the most popular
   * item ≈ 2 % of noise, the least ≈ 1 %). Stronger skew makes random pairs of popular items
   * genuinely frequent, which precision (as mine.ts defines it) counts as noise.
   */
  readonly noiseSkew?: number;
  /** Noise events per session, inclusive range. Default [3, 10]. */
  readonly noiseLength?: readonly [number, number];
}

const TOOLS: Record<string, string[]> = {
  github: ['pr_opened', 'pr_merged', 'pr_reviewed', 'issue_opened', 'issue_closed', 'push', 'release_published'],
  slack: ['message_posted', 'reaction_added', 'channel_joined', 'thread_replied', 'file_shared', 'huddle_started'],
  jira: ['issue_created', 'issue_transitioned', 'comment_added', 'sprint_started', 'issue_assigned', 'worklog_added'],
  linear: ['issue_created', 'issue_updated', 'cycle_started', 'comment_added', 'project_updated'],
  notion: ['page_created', 'page_updated', 'database_row_added', 'comment_added', 'page_shared'],
  gmail: ['email_received', 'email_sent', 'label_added', 'draft_created', 'thread_archived'],
  calendar: ['event_created', 'event_updated', 'invite_accepted', 'invite_declined', 'event_started'],
  drive: ['file_uploaded', 'file_shared', 'folder_created', 'file_commented', 'file_renamed'],
  figma: ['file_updated', 'comment_added', 'version_published', 'file_shared'],
  zoom: ['meeting_started', 'meeting_ended', 'recording_ready', 'webinar_scheduled'],
  hubspot: ['deal_created', 'deal_stage_changed', 'contact_created', 'note_added', 'task_completed'],
  sentry: ['issue_created', 'issue_resolved', 'alert_triggered', 'release_deployed'],
  stripe: ['charge_succeeded', 'invoice_paid', 'customer_created', 'refund_created'],
};

export const NOISE_ITEMS: readonly PatternItem[] = Object.entries(TOOLS).flatMap(([tool, types]) =>
  types.map((eventType) => ({ tool, eventType })),
);

const i = (tool: string, eventType: string): PatternItem => ({ tool, eventType });

/** The default ground truth: six workflows people repeat, lengths 2–4. */
export const DEFAULT_PLANTED: readonly PlantedPattern[] = [
  { items: [i('github', 'pr_opened'), i('slack', 'message_posted')], fraction: 0.08 },
  { items: [i('sentry', 'alert_triggered'), i('jira', 'issue_created')], fraction: 0.05 },
  { items: [i('gmail', 'email_received'), i('hubspot', 'deal_created'), i('slack', 'message_posted')], fraction: 0.06 },
  { items: [i('calendar', 'event_started'), i('zoom', 'meeting_started'), i('notion', 'page_created')], fraction: 0.05 },
  {
    items: [i('jira', 'issue_transitioned'), i('github', 'pr_merged'), i('github', 'release_published'), i('slack', 'message_posted')],
    fraction: 0.05,
  },
  {
    items: [i('stripe', 'invoice_paid'), i('gmail', 'email_sent'), i('hubspot', 'deal_stage_changed'), i('notion', 'database_row_added')],
    fraction: 0.04,
  },
];

const MINUTE = 60_000;

/** Generates at least `options.events` events (whole users), deterministically from the seed. */
export function generateStream(options: GenerateOptions): GeneratedStream {
  const random = seededRandom(options.seed ?? 42);
  const planted = options.planted ?? DEFAULT_PLANTED;
  const plantedSessions = planted.map(() => 0);
  const skew = options.noiseSkew ?? 0.3;
  const [minNoise, maxNoise] = options.noiseLength ?? [3, 10];
  // Popularity by rank over a shuffled order of the items.
  const weights = NOISE_ITEMS.map((_, rank) => 1 / Math.pow(rank + 10, skew));
  const order = NOISE_ITEMS.map((_, index) => index).sort(() => random() - 0.5);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const noise = (): PatternItem => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return NOISE_ITEMS[order[lo]];
  };
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const users: GeneratedStream['users'] = [];
  let eventCount = 0;
  let sessionCount = 0;
  for (let u = 0; eventCount < options.events; u++) {
    const events: GeneratedEvent[] = [];
    let time = Date.UTC(2026, 0, 1) + between(0, 24 * 60) * MINUTE;
    const sessions = between(20, 200);
    for (let s = 0; s < sessions; s++) {
      const items: PatternItem[] = Array.from({ length: between(minNoise, maxNoise) }, noise);
      let r = random();
      const chosen = planted.findIndex((p) => (r -= p.fraction) < 0);
      if (chosen >= 0) {
        plantedSessions[chosen]++;
        // Insert in order: a start position, then 0–2 noise events between consecutive items.
        let at = between(0, items.length);
        for (const item of planted[chosen].items) {
          at = Math.min(at, items.length);
          items.splice(at, 0, item);
          at += 1 + between(0, 2);
        }
      }
      for (const item of items) {
        events.push({ tool: item.tool, eventType: item.eventType, occurredAt: new Date(time) });
        time += between(5, 20 * 60) * 1000;
      }
      time += between(35, 16 * 60) * MINUTE;
      sessionCount++;
    }
    eventCount += events.length;
    users.push({ userId: `user-${u}`, events });
  }
  return { users, eventCount, sessionCount, planted, plantedSessions };
}
