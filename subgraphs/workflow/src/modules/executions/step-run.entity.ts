import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const STEP_RUN_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export type StepRunStatus = (typeof STEP_RUN_STATUSES)[number];

/** One step of one execution: what it got, what it gave back, how often it was tried. */
export const StepRunEntity = defineEntity({
  name: 'StepRun',
  tableName: 'workflow.step_runs',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    executionId: p.uuid(),
    stepId: p.text(),
    type: p.text(),
    status: p.text().$type<StepRunStatus>(),
    attempts: p.integer(),
    input: p.json<Record<string, unknown>>().nullable(),
    output: p.json<Record<string, unknown>>().nullable(),
    error: p.text().nullable(),
    /** When a waiting step (a delay, or a retry's backoff) may go on; the job re-enters then. */
    resumeAt: p.datetime(3).nullable(),
    /** Whom the step is waiting on while it cannot reach it (`core`, a host); null otherwise. */
    waitingOn: p.text().nullable(),
    /** When the current wait for `waitingOn` began: the horizon counts from here. */
    waitingSince: p.datetime(3).nullable(),
    startedAt: p.datetime(3).nullable(),
    finishedAt: p.datetime(3).nullable(),
    durationMs: p.integer().nullable(),
  },
});

export type StepRun = InferEntity<typeof StepRunEntity>;

/** A step shows whom it waits on only while it waits; a failed step keeps why in its error. */
export const isWaiting = (run: StepRun) => Boolean(run.waitingOn) && (run.status === 'pending' || run.status === 'running');
