import type DataLoader from 'dataloader';
import { groupLoader, rowLoader } from '@flowgraph/kernel';
import type { WorkflowVersion } from './workflow-version.entity';
import { versionKey, type WorkflowVersionRepository } from './workflow-version.repository';

/** Per-request loaders; one batch query per tick whatever the number of workflows. */
export function createVersionLoaders(repository: WorkflowVersionRepository) {
  const firstPages = new Map<number, DataLoader<string, WorkflowVersion[]>>();
  return {
    /** Keyed by `versionKey(workflowId, version)`. */
    byNumber: rowLoader((keys) => repository.findByKeys(keys), (v) => versionKey(v.workflowId, v.version)),
    /** The newest versions of each workflow; one loader per page size (plus one row to detect a next page). */
    firstPageByWorkflow(limit: number): DataLoader<string, WorkflowVersion[]> {
      let loader = firstPages.get(limit);
      if (!loader) {
        loader = groupLoader((ids) => repository.firstPageByWorkflows(ids, limit + 1), (v) => v.workflowId);
        firstPages.set(limit, loader);
      }
      return loader;
    },
  };
}

export type VersionLoaders = ReturnType<typeof createVersionLoaders>;
