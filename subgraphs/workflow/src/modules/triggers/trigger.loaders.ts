import { groupLoader } from '@flowgraph/kernel';
import type { TriggerRepository } from './trigger.repository';

/** Per-request loaders: one query for the triggers of every workflow in a response. */
export function createTriggerLoaders(repository: TriggerRepository) {
  return {
    byWorkflow: groupLoader(
      (workflowIds) => repository.findByWorkflowIds(workflowIds),
      (t) => t.workflowId,
    ),
  };
}

export type TriggerLoaders = ReturnType<typeof createTriggerLoaders>;
