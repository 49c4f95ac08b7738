import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const EXECUTION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const TRIGGER_KINDS = ['manual', 'cron', 'webhook', 'event'] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
/** Statuses after which nothing about the execution changes again. */
export const FINISHED_STATUSES: readonly ExecutionStatus[] = ['succeeded', 'failed', 'cancelled'];

/** One run of a workflow, pinned to the version it started with. */
export const ExecutionEntity = defineEntity({
  name: 'Execution',
  tableName: 'workflow.executions',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    workflowId: p.uuid(),
    version: p.integer(),
    status: p.text().$type<ExecutionStatus>(),
    triggerKind: p.text().$type<TriggerKind>(),
    triggerId: p.uuid().nullable(),
    idempotencyKey: p.text().nullable(),
    input: p.json<Record<string, unknown>>(),
    output: p.json<Record<string, unknown>>().nullable(),
    error: p.text().nullable(),
    rerunOf: p.uuid().nullable(),
    startedBy: p.uuid().nullable(),
    /** Set when the user asked to cancel; the worker stops before the next step. */
    cancelRequestedAt: p.datetime(3).nullable(),
    queuedAt: p.datetime(3),
    startedAt: p.datetime(3).nullable(),
    finishedAt: p.datetime(3).nullable(),
  },
});

export type Execution = InferEntity<typeof ExecutionEntity>;
