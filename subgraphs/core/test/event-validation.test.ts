import { MAX_PAYLOAD_BYTES, validateEvent } from '../src/modules/events/event.validation';

const valid = { idempotencyKey: 'k1', eventType: 'PR.Opened', tool: 'GitHub', occurredAt: '2026-11-01T10:00:00Z', payload: { pr: 1 } };

describe('validateEvent', () => {
  it('normalises type and tool to lower case and parses the time', () => {
    const result = validateEvent(valid);
    expect(result).toEqual({
      event: {
        idempotencyKey: 'k1',
        eventType: 'pr.opened',
        tool: 'github',
        occurredAt: new Date('2026-11-01T10:00:00Z'),
        payload: { pr: 1 },
      },
    });
  });

  it('reports every problem of an item, one entry per field', () => {
    const result = validateEvent({ idempotencyKey: '', eventType: 'has space', tool: '', occurredAt: 'yesterday', payload: {} });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual(['idempotencyKey', 'eventType', 'tool', 'occurredAt']);
  });

  it('accepts a payload of exactly 16 KiB and refuses one byte more', () => {
    const filler = (n: number) => ({ d: 'x'.repeat(n - JSON.stringify({ d: '' }).length) });
    expect('event' in validateEvent({ ...valid, payload: filler(MAX_PAYLOAD_BYTES) })).toBe(true);
    const tooBig = validateEvent({ ...valid, payload: filler(MAX_PAYLOAD_BYTES + 1) });
    expect('errors' in tooBig && tooBig.errors[0]).toMatchObject({ field: 'payload' });
  });

  it('counts payload size in UTF-8 bytes, not characters', () => {
    const emoji = { d: '😀'.repeat(MAX_PAYLOAD_BYTES / 4) }; // 4 bytes each, plus the JSON around it
    expect('errors' in validateEvent({ ...valid, payload: emoji })).toBe(true);
  });

  it('refuses events more than a day in the future', () => {
    const now = Date.parse('2026-11-01T00:00:00Z');
    expect('errors' in validateEvent({ ...valid, occurredAt: '2026-11-02T00:00:01Z' }, now)).toBe(true);
    expect('event' in validateEvent({ ...valid, occurredAt: '2026-11-01T23:00:00Z' }, now)).toBe(true);
  });
});
