import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { ExecutionRepository } from './execution.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createExecutionLoaders(repository: ExecutionRepository) {
  return {
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (e) => e.id,
    ),
    /** Workflow.latestExecution for a whole page of workflows in one statement. */
    latestByWorkflow: rowLoader(
      (ids) => repository.latestByWorkflows(ids),
      (e) => e.workflowId,
    ),
    stepsByExecution: groupLoader(
      (ids) => repository.stepRunsOf(ids),
      (s) => s.executionId,
    ),
  };
}

export type ExecutionLoaders = ReturnType<typeof createExecutionLoaders>;
