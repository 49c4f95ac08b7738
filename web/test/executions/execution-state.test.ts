import { describe, expect, it } from 'vitest';
import { allowedActions, isFinished, mergeExecution } from '../../src/pages/executions/execution-state';
import { execution, step } from './fixtures';

describe('mergeExecution', () => {
  it('takes the update when nothing is known yet, and the known one when no update came', () => {
    const e = execution();
    expect(mergeExecution(null, e)).toBe(e);
    expect(mergeExecution(e, undefined)).toBe(e);
  });

  it('replaces a step by id with its newer run and adds steps that started since', () => {
    const known = execution({ steps: [step({ id: 'fetch' })] });
    const update = execution({
      steps: [
        step({ id: 'fetch', status: 'SUCCEEDED', output: { status: 200 }, durationMs: 120 }),
        step({ id: 'shape', startedAt: '2026-01-01T10:00:01.000Z' }),
      ],
    });
    const merged = mergeExecution(known, update)!;
    expect(merged.steps.map((s) => [s.id, s.status])).toEqual([
      ['fetch', 'SUCCEEDED'],
      ['shape', 'RUNNING'],
    ]);
    expect(merged.steps[0]!.output).toEqual({ status: 200 });
  });

  it('never takes a finished step or execution back to running when an older snapshot arrives late', () => {
    const finished = execution({
      status: 'FAILED',
      error: 'step shape failed',
      steps: [step({ id: 'shape', status: 'FAILED', attempts: 3, error: 'boom' })],
    });
    const stale = execution({ status: 'RUNNING', steps: [step({ id: 'shape', status: 'PENDING', attempts: 2, error: 'boom' })] });
    const merged = mergeExecution(finished, stale)!;
    expect(merged.status).toBe('FAILED');
    expect(merged.error).toBe('step shape failed');
    expect(merged.steps[0]).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('prefers the snapshot with more attempts of a step that is still retrying', () => {
    const known = execution({ steps: [step({ id: 'call', status: 'PENDING', attempts: 2, error: '503' })] });
    const update = execution({ steps: [step({ id: 'call', status: 'RUNNING', attempts: 1 })] });
    expect(mergeExecution(known, update)!.steps[0]).toMatchObject({ status: 'PENDING', attempts: 2, error: '503' });
  });

  it('keeps a step only the older snapshot carries, in start order', () => {
    const known = execution({
      steps: [step({ id: 'a', startedAt: '2026-01-01T10:00:00.000Z' }), step({ id: 'b', startedAt: '2026-01-01T10:00:02.000Z' })],
    });
    const update = execution({ steps: [step({ id: 'a', status: 'SUCCEEDED', startedAt: '2026-01-01T10:00:00.000Z' })] });
    expect(mergeExecution(known, update)!.steps.map((s) => s.id)).toEqual(['a', 'b']);
  });
});

describe('allowedActions', () => {
  it.each([
    ['QUEUED', { cancel: true, rerun: false }],
    ['RUNNING', { cancel: true, rerun: false }],
    ['SUCCEEDED', { cancel: false, rerun: false }],
    ['FAILED', { cancel: false, rerun: true }],
    ['CANCELLED', { cancel: false, rerun: false }],
  ] as const)('%s allows %o', (status, expected) => {
    expect(allowedActions(status)).toEqual(expected);
  });

  it('counts only SUCCEEDED, FAILED and CANCELLED as finished', () => {
    expect(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'].filter((s) => isFinished(s as never))).toEqual([
      'SUCCEEDED',
      'FAILED',
      'CANCELLED',
    ]);
  });
});
