import type DataLoader from 'dataloader';
import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { Workflow } from './workflow.entity';
import type { WorkflowRepository } from './workflow.repository';

/** Per-request loaders; one batch query per tick whatever the number of parents. */
export function createWorkflowLoaders(repository: WorkflowRepository) {
  const firstPages = new Map<number, DataLoader<string, Workflow[]>>();
  return {
    /** Includes workflows deleted within the restore window; callers listing things skip those. */
    byId: rowLoader((ids) => repository.findByIds(ids), (w) => w.id),
    /** The first page of each owner's workflows; one loader per page size (plus one row to detect a next page). */
    firstPageByOwner(limit: number): DataLoader<string, Workflow[]> {
      let loader = firstPages.get(limit);
      if (!loader) {
        loader = groupLoader((userIds) => repository.firstPageByOwners(userIds, limit + 1), (w) => w.userId);
        firstPages.set(limit, loader);
      }
      return loader;
    },
  };
}

export type WorkflowLoaders = ReturnType<typeof createWorkflowLoaders>;
