import { describe, expect, it } from 'vitest';
import { checkFilters, eventFilterOf, filtersFromParams, paramsFromFilters } from '../../src/pages/dashboard/event-filter';
import { describeTrend } from '../../src/pages/dashboard/trend';

describe('the timeline filters', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');

  it('turns tool, type and range into the events filter, lower-cased, the range counted back from now', () => {
    expect(eventFilterOf({ tool: ' GitHub ', eventType: 'PR.Opened', range: '24h' }, now)).toEqual({
      tool: 'github',
      eventType: 'pr.opened',
      from: '2026-03-09T12:00:00.000Z',
    });
    expect(eventFilterOf({ tool: '', eventType: '', range: 'all' }, now)).toEqual({});
  });

  it('keeps the filters in the address bar and reads them back, 7 days when none is given', () => {
    const params = paramsFromFilters({ tool: 'Slack', eventType: '', range: '30d' });
    expect(params.toString()).toBe('tool=slack&range=30d');
    expect(filtersFromParams(params)).toEqual({ tool: 'slack', eventType: '', range: '30d' });
    expect(filtersFromParams(new URLSearchParams('range=forever'))).toEqual({ tool: '', eventType: '', range: '7d' });
  });

  it('refuses characters Core would not accept', () => {
    expect(checkFilters({ tool: 'git hub', eventType: 'pr opened!', range: '7d' })).toEqual({
      tool: expect.stringMatching(/^Letters, digits/),
      eventType: expect.stringMatching(/^Letters, digits/),
    });
    expect(checkFilters({ tool: 'google_drive', eventType: 'file.created:v2', range: '7d' })).toEqual({});
  });
});

describe('a pattern trend', () => {
  it('says which way it goes and the two weeks compared', () => {
    expect(describeTrend({ direction: 'RISING', lastWeek: 6, previousWeek: 2 })).toEqual({
      label: 'Rising',
      symbol: '▲',
      detail: '6 sessions last week, 2 the week before',
    });
    expect(describeTrend({ direction: 'NEW', lastWeek: 1, previousWeek: 0 }).detail).toBe('1 session last week, 0 the week before');
  });
});
