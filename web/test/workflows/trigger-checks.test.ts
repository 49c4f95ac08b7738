import { describe, expect, it } from 'vitest';
import {
  addTriggerInput,
  checkCronPattern,
  checkTimezone,
  checkTrigger,
  triggerFieldErrors,
  type TriggerDraft,
} from '../../src/pages/workflows/trigger-checks';

const draft = (over: Partial<TriggerDraft>): TriggerDraft => ({
  kind: 'CRON',
  pattern: '',
  timezone: 'UTC',
  tool: '',
  eventType: '',
  ...over,
});

describe('cron pattern check', () => {
  it('accepts 5 fields, and 6 with seconds first', () => {
    expect(checkCronPattern('0 9 * * 1-5')).toBeUndefined();
    expect(checkCronPattern('*/30 0 9 * * MON-FRI')).toBeUndefined();
    expect(checkCronPattern('  0   9 1,15 JAN ?  ')).toBeUndefined();
  });
  it('refuses an empty pattern, a wrong field count and characters no cron field has', () => {
    expect(checkCronPattern('  ')).toMatch(/Enter a cron pattern/);
    expect(checkCronPattern('0 9 * *')).toMatch(/this one has 4/);
    expect(checkCronPattern('0 9 * * * * *')).toMatch(/this one has 7/);
    expect(checkCronPattern('0 9 * * $')).toBe('"$" is not a cron field');
  });
});

describe('time zone check', () => {
  it('accepts IANA names and UTC', () => {
    expect(checkTimezone('Europe/Paris')).toBeUndefined();
    expect(checkTimezone('UTC')).toBeUndefined();
  });
  it('refuses an empty or unknown zone', () => {
    expect(checkTimezone('')).toMatch(/Enter a time zone/);
    expect(checkTimezone('Mars/Olympus')).toBe('"Mars/Olympus" is not a time zone');
  });
});

describe('trigger form checks', () => {
  it('checks pattern and zone of a cron trigger together', () => {
    expect(checkTrigger(draft({ pattern: 'bad', timezone: 'Nowhere/City' }))).toEqual({
      pattern: expect.stringMatching(/5 fields/),
      timezone: '"Nowhere/City" is not a time zone',
    });
    expect(checkTrigger(draft({ pattern: '0 9 * * *', timezone: 'Europe/Paris' }))).toEqual({});
  });
  it('wants a tool or an event type for an event trigger, and nothing for a webhook', () => {
    expect(checkTrigger(draft({ kind: 'EVENT' }))).toEqual({ event: 'Give a tool, an event type or both' });
    expect(checkTrigger(draft({ kind: 'EVENT', eventType: 'pr.opened' }))).toEqual({});
    expect(checkTrigger(draft({ kind: 'WEBHOOK', pattern: 'ignored' }))).toEqual({});
  });
});

describe('addTrigger input', () => {
  it('sends only the settings of its kind', () => {
    expect(addTriggerInput('w1', draft({ pattern: ' 0  9 * * 1-5 ', timezone: ' Europe/Paris ', tool: 'x' }))).toEqual({
      workflowId: 'w1',
      kind: 'CRON',
      cron: { pattern: '0 9 * * 1-5', timezone: 'Europe/Paris' },
    });
    expect(addTriggerInput('w1', draft({ kind: 'WEBHOOK', pattern: '0 9 * * *' }))).toEqual({ workflowId: 'w1', kind: 'WEBHOOK' });
    expect(addTriggerInput('w1', draft({ kind: 'EVENT', tool: ' GitHub ', eventType: '' }))).toEqual({
      workflowId: 'w1',
      kind: 'EVENT',
      event: { tool: 'github', eventType: null },
    });
  });
  it("puts the server's field errors on the form's fields", () => {
    expect(
      triggerFieldErrors({ 'input.cron.pattern': 'Bad pattern', 'cron.timezone': 'Unknown zone', 'input.event.tool': 'Too long' }),
    ).toEqual({
      pattern: 'Bad pattern',
      timezone: 'Unknown zone',
      event: 'Too long',
    });
  });
});
