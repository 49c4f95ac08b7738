import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A workflow and the numbers of its newest and live versions. The definitions live in
 * `workflow_versions`; `deletedAt` marks a soft delete (restorable for 30 days).
 */
export const WorkflowEntity = defineEntity({
  name: 'Workflow',
  tableName: 'workflow.workflows',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    /** The owner. */
    userId: p.uuid(),
    name: p.text(),
    description: p.text(),
    tags: p.array(),
    isActive: p.boolean(),
    concurrencyLimit: p.integer(),
    liveVersion: p.integer().nullable(),
    latestVersion: p.integer(),
    deletedAt: p.datetime(3).nullable(),
    /** createWorkflowFromTemplate's idempotency key: unique per organization. */
    idempotencyKey: p.text().nullable(),
    /** What the key was first used for ({ templateId, parameters }); a repeat must ask for the same. */
    idempotencyRequest: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Workflow = InferEntity<typeof WorkflowEntity>;
