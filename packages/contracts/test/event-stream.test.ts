import { randomUUID } from 'node:crypto';
import { encodeStreamEvent, eventStreamKey, parseStreamEvent, type EventStreamFields } from '../src';

const event = {
  id: randomUUID(),
  orgId: randomUUID(),
  userId: randomUUID(),
  tool: 'github',
  eventType: 'pull_request.opened',
  occurredAt: '2026-03-01T10:00:00.000Z',
  payload: { repo: 'flowgraph', number: 7 },
  seq: 42,
};

describe('the event stream contract', () => {
  it('is the one key every service reads', () => {
    expect(eventStreamKey('fg')).toBe('fg:events');
  });

  it('parses back what Core encodes, as strings on the wire', () => {
    const fields = encodeStreamEvent(event);
    expect(Object.values(fields).every((value) => typeof value === 'string')).toBe(true);
    expect(parseStreamEvent({ ...fields })).toEqual(event);
    expect(parseStreamEvent({ ...encodeStreamEvent({ ...event, userId: null }) })).toEqual({ ...event, userId: null });
  });

  it('reads entries written before seq existed, and upper-case ids as lower case', () => {
    const { seq: _seq, ...older } = encodeStreamEvent({ ...event, id: event.id.toUpperCase() });
    expect(parseStreamEvent(older)).toEqual({ ...event, seq: null });
  });

  it('returns null for a malformed entry', () => {
    const fields: EventStreamFields = encodeStreamEvent(event);
    for (const broken of [
      { ...fields, id: 'not-a-uuid' },
      { ...fields, orgId: '' },
      { ...fields, userId: 'someone' },
      { ...fields, tool: '' },
      { ...fields, eventType: '' },
      { ...fields, occurredAt: 'yesterday' },
      { ...fields, payload: '{not json' },
      { ...fields, seq: '-1' },
    ]) {
      expect(parseStreamEvent(broken)).toBeNull();
    }
  });
});
