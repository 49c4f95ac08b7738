import type { RequestContext } from '@flowgraph/kernel';
import { createVersionLoaders, type VersionLoaders } from './workflow-version.loaders';
import { WorkflowVersionRepository } from './workflow-version.repository';

/**
 * The versions module's share of a request context: its loaders. `repository` is for the
 * workflows module, whose service writes versions (publishing); it is not put in the context.
 */
export function createVersionsContext(base: Pick<RequestContext, 'em'>): {
  loaders: VersionLoaders;
  repository: WorkflowVersionRepository;
} {
  const repository = new WorkflowVersionRepository(base.em);
  return { loaders: createVersionLoaders(repository), repository };
}
