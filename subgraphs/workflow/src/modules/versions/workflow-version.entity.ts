import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { WorkflowDefinition } from '../definitions/definition';

/** One saved definition of a workflow; never changed once written (the app role may only insert). */
export const WorkflowVersionEntity = defineEntity({
  name: 'WorkflowVersion',
  tableName: 'workflow.workflow_versions',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    workflowId: p.uuid(),
    version: p.integer(),
    definition: p.json<WorkflowDefinition>(),
    createdBy: p.uuid(),
    createdAt: p.datetime(3),
  },
});

export type WorkflowVersion = InferEntity<typeof WorkflowVersionEntity>;
