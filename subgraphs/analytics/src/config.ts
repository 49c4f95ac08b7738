import { z } from 'zod';
import { listenShape, loadConfig } from '@flowgraph/kernel';

/**
 * Settings of the analytics processes (server and worker), beyond the kernel's base settings.
 * Each has a safe local default; docs/operations.md lists them.
 */
export const analyticsConfigShape = {
  ...listenShape(4004),
  /** The Workflow subgraph's origin: its template catalog, and acceptSuggestion creating workflows. */
  WORKFLOW_ORIGIN: z.string().url().default('http://127.0.0.1:4002'),
  /** A read replica for reporting reads; unset, reports read the primary. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Reports read the primary while the replica lags more than this many seconds (docs/operations.md, "Read replica"). */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().default(60),
  /** How often the replica's health and lag are checked. */
  REPLICA_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** A user's events split into sessions after this much idle time. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Most time allowed between two consecutive steps of a pattern inside a session. */
  PATTERN_MAX_GAP_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /**
   * A pattern must appear in at least this many of the user's sessions… (5 and 5 %: below either,
   * chance pairs of a busy user's everyday events outnumber real habits; see bench/patterns.)
   */
  PATTERN_MIN_SUPPORT: z.coerce.number().int().min(1).default(5),
  /** …and in at least this fraction of them (0 disables the relative threshold). */
  PATTERN_MIN_SUPPORT_RATIO: z.coerce.number().min(0).max(1).default(0.05),
  /** Longest pattern mined, in steps. */
  PATTERN_MAX_LENGTH: z.coerce.number().int().min(2).max(10).default(5),
  /** Mining looks at the user's events of the last this many days. */
  PATTERN_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Events of a user arriving within this many ms are mined together (near-real-time mode). */
  PATTERN_REFRESH_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(50),
  /** Groups of users (of one organization, up to 10 each) one worker process mines at the same time, one connection each. */
  PATTERN_MINING_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** A pattern becomes a suggestion from this support… */
  SUGGESTION_MIN_SUPPORT: z.coerce.number().int().min(1).default(5),
  /** …and this confidence on. */
  SUGGESTION_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
  /** A dismissed suggestion comes back when its pattern's support reaches this times its support at dismissal. */
  SUGGESTION_RESURFACE_FACTOR: z.coerce.number().min(1.1).max(100).default(2),
  /** Analytics' copy of events is kept this many days (reports keep their daily aggregates forever). */
  ANALYTICS_EVENT_RETENTION_DAYS: z.coerce.number().int().min(31).default(90),
};

export type AnalyticsConfig = ReturnType<typeof loadAnalyticsConfig>;

export function loadAnalyticsConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(analyticsConfigShape, env);
}
