/** An event as session splitting needs it; extra fields are carried through untouched. */
export interface SessionEvent {
  readonly tool: string;
  readonly eventType: string;
  readonly occurredAt: Date;
}

/** A run of one user's events with no idle gap longer than the threshold inside it. */
export interface EventSession<E extends SessionEvent = SessionEvent> {
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly events: E[];
}

export interface SessionOptions {
  /** A gap strictly longer than this (ms) between consecutive events starts a new session. Default 30 min. */
  readonly idleGapMs?: number;
}

export const DEFAULT_IDLE_GAP_MS = 30 * 60 * 1000;

/**
 * Splits one user's events, ordered by `occurredAt` (ties allowed), into sessions.
 * Throws RangeError if the events are out of order or the gap is not a non-negative number.
 */
export function splitIntoSessions<E extends SessionEvent>(events: readonly E[], options: SessionOptions = {}): EventSession<E>[] {
  const idleGapMs = options.idleGapMs ?? DEFAULT_IDLE_GAP_MS;
  if (!(idleGapMs >= 0)) throw new RangeError(`idleGapMs must be a non-negative number (got ${idleGapMs})`);
  const sessions: EventSession<E>[] = [];
  let current: E[] = [];
  let previous = -Infinity;
  for (const event of events) {
    const time = event.occurredAt.getTime();
    if (time < previous) {
      throw new RangeError(`events must be ordered by occurredAt (${event.occurredAt.toISOString()} after a later event)`);
    }
    if (current.length > 0 && time - previous > idleGapMs) {
      sessions.push(toSession(current));
      current = [];
    }
    current.push(event);
    previous = time;
  }
  if (current.length > 0) sessions.push(toSession(current));
  return sessions;
}

function toSession<E extends SessionEvent>(events: E[]): EventSession<E> {
  return { startedAt: events[0].occurredAt, endedAt: events[events.length - 1].occurredAt, events };
}

/** A stable session id: the same user and start time always give the same id. */
export function sessionId(userId: string, session: EventSession): string {
  return `${userId}:${session.startedAt.getTime()}`;
}
