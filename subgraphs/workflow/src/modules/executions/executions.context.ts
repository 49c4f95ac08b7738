import type { RequestContext } from '@flowgraph/kernel';
import type { Queue } from 'bullmq';
import { createExecutionLoaders, type ExecutionLoaders } from './execution.loaders';
import { ExecutionRepository } from './execution.repository';
import { ExecutionService } from './execution.service';
import type { ExecutionUpdates } from './execution-updates';

/** Process-wide pieces the executions module needs per request. */
export interface ExecutionModuleDeps {
  /** The `workflow-executions` BullMQ queue. */
  queue: Queue;
  /** Publishes and subscribes to execution changes (Redis pub/sub); needed for `executionUpdated`. */
  updates?: ExecutionUpdates;
}

export function createExecutionsContext(
  base: Pick<RequestContext, 'em' | 'afterCommit'>,
  deps: ExecutionModuleDeps,
): { loaders: ExecutionLoaders; service: ExecutionService } {
  const repository = new ExecutionRepository(base.em);
  const loaders = createExecutionLoaders(repository);
  return {
    loaders,
    service: new ExecutionService(base.em, repository, loaders, { afterCommit: base.afterCommit, ...deps }),
  };
}
