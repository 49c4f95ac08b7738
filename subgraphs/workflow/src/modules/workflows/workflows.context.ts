import type { RequestContext } from '@flowgraph/kernel';
import type { TriggerScheduler } from '../triggers/trigger-scheduler';
import type { VersionLoaders } from '../versions/workflow-version.loaders';
import type { WorkflowVersionRepository } from '../versions/workflow-version.repository';
import { createWorkflowLoaders, type WorkflowLoaders } from './workflow.loaders';
import { WorkflowRepository } from './workflow.repository';
import { WorkflowService } from './workflow.service';

/** The workflows module's share of a request context, from the versions' and the triggers' shares. */
export function createWorkflowsContext(
  base: Pick<RequestContext, 'em'>,
  versions: { loaders: VersionLoaders; repository: WorkflowVersionRepository },
  triggers: { scheduler: TriggerScheduler },
): { loaders: WorkflowLoaders; service: WorkflowService } {
  const repository = new WorkflowRepository(base.em);
  const loaders = createWorkflowLoaders(repository);
  return {
    loaders,
    // Activation, deletion and restore change which cron schedules should exist: sync them at once.
    service: new WorkflowService(repository, versions.repository, { workflows: loaders, versions: versions.loaders }, (id) =>
      triggers.scheduler.syncWorkflow(id),
    ),
  };
}
