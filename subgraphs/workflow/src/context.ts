import type { RequestContext } from '@flowgraph/kernel';
import { createExecutionsContext, type ExecutionModuleDeps } from './modules/executions/execution.context';
import type { ExecutionLoaders } from './modules/executions/execution.loaders';
import type { ExecutionService } from './modules/executions/execution.service';
import type { ExecutionUpdates } from './modules/executions/execution-updates';
import { createTriggersContext, type TriggerModuleDeps } from './modules/triggers/trigger.context';
import type { TriggerLoaders } from './modules/triggers/trigger.loaders';
import type { TriggerScheduler } from './modules/triggers/trigger-scheduler';
import type { TriggerService } from './modules/triggers/trigger.service';
import { createVersionLoaders, type VersionLoaders } from './modules/versions/workflow-version.loaders';
import { WorkflowVersionRepository } from './modules/versions/workflow-version.repository';
import { createWorkflowLoaders, type WorkflowLoaders } from './modules/workflows/workflow.loaders';
import { WorkflowRepository } from './modules/workflows/workflow.repository';
import { WorkflowService } from './modules/workflows/workflow.service';

export interface WorkflowContext extends RequestContext {
  loaders: { workflows: WorkflowLoaders; versions: VersionLoaders; triggers: TriggerLoaders; executions: ExecutionLoaders };
  executions: ExecutionService;
  /** Redis pub/sub of execution changes (the `executionUpdated` subscription); absent when not configured. */
  executionUpdates?: ExecutionUpdates;
  workflows: WorkflowService;
  triggers: TriggerService;
  /** Keeps cron schedulers in step: call `syncWorkflow(id)` after a workflow is (de)activated, deleted or restored. */
  triggerScheduler: TriggerScheduler;
}

/** Process-wide pieces the per-request context is built from. */
export interface WorkflowContextDeps {
  triggers: TriggerModuleDeps;
  executions: ExecutionModuleDeps;
}

export function createWorkflowContext(base: RequestContext, deps: WorkflowContextDeps): WorkflowContext {
  const repository = new WorkflowRepository(base.em);
  const versions = new WorkflowVersionRepository(base.em);
  const triggers = createTriggersContext(base.em, deps.triggers);
  const executions = createExecutionsContext(base, deps.executions);
  const loaders = {
    workflows: createWorkflowLoaders(repository),
    versions: createVersionLoaders(versions),
    triggers: triggers.loaders,
    executions: executions.loaders,
  };
  return {
    ...base,
    loaders,
    // Activation, deletion and restore change which cron schedules should exist: sync them at once.
    workflows: new WorkflowService(repository, versions, loaders, (id) => triggers.scheduler.syncWorkflow(id)),
    triggers: triggers.service,
    triggerScheduler: triggers.scheduler,
    executions: executions.service,
    executionUpdates: deps.executions.updates,
  };
}
