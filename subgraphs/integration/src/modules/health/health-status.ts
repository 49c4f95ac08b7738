import type { ProviderFailure } from '../connectors/provider-errors';

/** As stored (`health_status`); null on an integration never checked. */
export const healthStatuses = ['healthy', 'degraded', 'failing', 'disconnected'] as const;
export type HealthStatus = (typeof healthStatuses)[number];

/** What one check found. */
export type CheckOutcome =
  | { kind: 'answered'; durationMs: number }
  | { kind: 'failed'; failure: ProviderFailure; error: string; durationMs: number }
  /** Disconnected, or connected without credentials: nothing to call. */
  | { kind: 'disconnected'; error: string };

export interface HealthPolicy {
  /** An answer slower than this is degraded. */
  slowMs: number;
  /** Consecutive outages that make an integration failing. */
  failingAfter: number;
}

export interface HealthState {
  status: HealthStatus | null;
  /** Consecutive `unavailable` checks so far. */
  unavailableStreak: number;
}

export interface HealthVerdict extends HealthState {
  status: HealthStatus;
  error: string | null;
}

/**
 * The status a check leads to:
 * - answered in time: healthy; answered slowly: degraded;
 * - rate limited: degraded (the provider answered, the account is busy); the outage streak stands;
 * - unavailable (5xx, refused, timed out): degraded, failing from the `failingAfter`-th in a row;
 * - unauthorized (revoked, expired) or rejected (the check itself refused): failing at once;
 * - nothing to call: disconnected.
 */
export function nextHealth(previous: HealthState, outcome: CheckOutcome, policy: HealthPolicy): HealthVerdict {
  switch (outcome.kind) {
    case 'disconnected':
      return { status: 'disconnected', unavailableStreak: 0, error: outcome.error };
    case 'answered':
      return outcome.durationMs > policy.slowMs
        ? { status: 'degraded', unavailableStreak: 0, error: `Answered in ${outcome.durationMs} ms (slower than ${policy.slowMs} ms)` }
        : { status: 'healthy', unavailableStreak: 0, error: null };
    case 'failed':
      switch (outcome.failure) {
        case 'rate_limited':
          return { status: 'degraded', unavailableStreak: previous.unavailableStreak, error: outcome.error };
        case 'unavailable': {
          const streak = previous.unavailableStreak + 1;
          return { status: streak >= policy.failingAfter ? 'failing' : 'degraded', unavailableStreak: streak, error: outcome.error };
        }
        case 'unauthorized':
        case 'rejected':
          return { status: 'failing', unavailableStreak: 0, error: outcome.error };
      }
  }
}

/** Changes that raise `integration.health_changed` in Core: the connection stopped working. */
export const raisesEvent = (previous: HealthStatus | null, next: HealthStatus): boolean =>
  previous !== next && (next === 'failing' || next === 'disconnected');
