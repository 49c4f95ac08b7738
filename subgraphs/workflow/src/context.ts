import type { RequestContext } from '@flowgraph/kernel';
import { createWorkflowLoaders, type WorkflowLoaders } from './modules/workflows/workflow.loaders';
import { WorkflowRepository } from './modules/workflows/workflow.repository';
import { WorkflowService } from './modules/workflows/workflow.service';

export interface WorkflowContext extends RequestContext {
  loaders: { workflows: WorkflowLoaders };
  workflows: WorkflowService;
}

export function createWorkflowContext(base: RequestContext): WorkflowContext {
  const repository = new WorkflowRepository(base.em);
  return {
    ...base,
    loaders: { workflows: createWorkflowLoaders(repository) },
    workflows: new WorkflowService(repository),
  };
}
