import { firstPageLoaders, rowLoader } from '@flowgraph/kernel';
import type { WorkflowRepository } from './workflow.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createWorkflowLoaders(repository: WorkflowRepository) {
  return {
    /** Includes workflows deleted within the restore window; callers listing things skip those. */
    byId: rowLoader(
      (ids) => repository.findByIds(ids),
      (w) => w.id,
    ),
    /** The first `count` workflows of each owner. */
    firstPageByOwner: firstPageLoaders(
      (userIds, count: number) => repository.firstPageByOwners(userIds, count),
      (w) => w.userId,
    ),
  };
}

export type WorkflowLoaders = ReturnType<typeof createWorkflowLoaders>;
