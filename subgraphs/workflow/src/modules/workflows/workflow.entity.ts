import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const WorkflowEntity = defineEntity({
  name: 'Workflow',
  tableName: 'workflow.workflows',
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    userId: p.uuid(),
    name: p.text(),
    isActive: p.boolean(),
    createdAt: p.datetime(3),
    updatedAt: p.datetime(3),
  },
});

export type Workflow = InferEntity<typeof WorkflowEntity>;
