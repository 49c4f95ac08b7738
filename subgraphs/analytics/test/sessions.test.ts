import { DEFAULT_IDLE_GAP_MS, sessionId, splitIntoSessions, type SessionEvent } from '../src/modules/mining/sessions';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

function event(minutes: number, eventType = 'pr_opened', tool = 'github'): SessionEvent & { n: number } {
  return { tool, eventType, occurredAt: new Date(T0 + minutes * MINUTE), n: minutes };
}

describe('splitIntoSessions', () => {
  it('returns no sessions for no events', () => {
    expect(splitIntoSessions([])).toEqual([]);
  });

  it('starts a new session after an idle gap longer than 30 minutes by default', () => {
    // gaps: 10, 35 (> 30: split), 29 → [0, 10] and [45, 74]
    const sessions = splitIntoSessions([event(0), event(10), event(45), event(74)]);
    expect(DEFAULT_IDLE_GAP_MS).toBe(30 * MINUTE);
    expect(sessions.map((s) => s.events.map((e) => e.n))).toEqual([
      [0, 10],
      [45, 74],
    ]);
    expect(sessions[1].startedAt).toEqual(new Date(T0 + 45 * MINUTE));
    expect(sessions[1].endedAt).toEqual(new Date(T0 + 74 * MINUTE));
  });

  it('keeps a gap of exactly the threshold inside the session', () => {
    const sessions = splitIntoSessions([event(0), event(30), event(60)]);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].events).toHaveLength(3);
  });

  it('honours a configured idle gap', () => {
    // gaps: 4, 6 (> 5: split), 5 → [0, 4], [10, 15]
    const sessions = splitIntoSessions([event(0), event(4), event(10), event(15)], { idleGapMs: 5 * MINUTE });
    expect(sessions.map((s) => s.events.map((e) => e.n))).toEqual([
      [0, 4],
      [10, 15],
    ]);
  });

  it('keeps events with equal timestamps together and carries extra fields through', () => {
    const sessions = splitIntoSessions([event(1, 'a'), event(1, 'b'), event(100, 'c')]);
    expect(sessions.map((s) => s.events.map((e) => e.eventType))).toEqual([['a', 'b'], ['c']]);
    expect(sessions[0].events[0].n).toBe(1);
  });

  it('rejects events that are not ordered by time', () => {
    expect(() => splitIntoSessions([event(10), event(5)])).toThrow(RangeError);
  });

  it('rejects a negative idle gap', () => {
    expect(() => splitIntoSessions([event(0)], { idleGapMs: -1 })).toThrow(RangeError);
  });

  it('derives a stable session id from the user and the start time', () => {
    const [first] = splitIntoSessions([event(0), event(1)]);
    const [again] = splitIntoSessions([event(0), event(1), event(2)]);
    expect(sessionId('user-1', first)).toBe(`user-1:${T0}`);
    expect(sessionId('user-1', again)).toBe(sessionId('user-1', first));
  });
});
