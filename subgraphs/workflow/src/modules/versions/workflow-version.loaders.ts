import { firstPageLoaders, rowLoader } from '@flowgraph/kernel';
import { versionKey, type WorkflowVersionRepository } from './workflow-version.repository';

/** Per-request loaders; one batch query per tick whatever the number of workflows. */
export function createVersionLoaders(repository: WorkflowVersionRepository) {
  return {
    /** Keyed by `versionKey(workflowId, version)`. */
    byNumber: rowLoader(
      (keys) => repository.findByKeys(keys),
      (v) => versionKey(v.workflowId, v.version),
    ),
    /** The newest `count` versions of each workflow. */
    firstPageByWorkflow: firstPageLoaders(
      (ids, count: number) => repository.firstPageByWorkflows(ids, count),
      (v) => v.workflowId,
    ),
  };
}

export type VersionLoaders = ReturnType<typeof createVersionLoaders>;
