import type { ExecutionDetailFragment, StepRunDetailFragment } from '../../src/generated/graphql';

/** A step run, running its first attempt unless told otherwise. */
export function step(overrides: Partial<StepRunDetailFragment> & { id: string }): StepRunDetailFragment {
  return {
    stepId: overrides.id,
    type: 'transform',
    status: 'RUNNING',
    attempts: 1,
    input: null,
    output: null,
    error: null,
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    durationMs: null,
    waitingOn: null,
    waitingSince: null,
    ...overrides,
  };
}

/** An execution of one workflow, running unless told otherwise. */
export function execution(overrides: Partial<ExecutionDetailFragment> = {}): ExecutionDetailFragment {
  return {
    id: 'e1',
    version: 1,
    status: 'RUNNING',
    triggerKind: 'MANUAL',
    queuedAt: '2026-01-01T10:00:00.000Z',
    startedAt: '2026-01-01T10:00:00.000Z',
    finishedAt: null,
    durationMs: null,
    error: null,
    input: {},
    output: null,
    waitingOn: null,
    workflow: { id: 'w1', name: 'Nightly report' },
    rerunOf: null,
    steps: [],
    ...overrides,
  };
}
