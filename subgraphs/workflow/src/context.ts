import type { RequestContext } from '@flowgraph/kernel';
import { createExecutionsContext, type ExecutionModuleDeps } from './modules/executions/executions.context';
import type { ExecutionLoaders } from './modules/executions/execution.loaders';
import type { ExecutionService } from './modules/executions/execution.service';
import type { ExecutionUpdates } from './modules/executions/execution-updates';
import { createTemplatesContext } from './modules/templates/templates.context';
import type { TemplateService } from './modules/templates/template.service';
import { createTriggersContext, type TriggerModuleDeps } from './modules/triggers/triggers.context';
import type { TriggerLoaders } from './modules/triggers/trigger.loaders';
import type { TriggerScheduler } from './modules/triggers/trigger-scheduler';
import type { TriggerService } from './modules/triggers/trigger.service';
import { createVersionsContext } from './modules/versions/versions.context';
import type { VersionLoaders } from './modules/versions/workflow-version.loaders';
import { createWorkflowsContext } from './modules/workflows/workflows.context';
import type { WorkflowLoaders } from './modules/workflows/workflow.loaders';
import type { WorkflowService } from './modules/workflows/workflow.service';

export interface WorkflowContext extends RequestContext {
  loaders: { workflows: WorkflowLoaders; versions: VersionLoaders; triggers: TriggerLoaders; executions: ExecutionLoaders };
  executions: ExecutionService;
  /** Redis pub/sub of execution changes (the `executionUpdated` subscription); absent when not configured. */
  executionUpdates?: ExecutionUpdates;
  workflows: WorkflowService;
  templates: TemplateService;
  triggers: TriggerService;
  /** Keeps cron schedulers in step: call `syncWorkflow(id)` after a workflow is (de)activated, deleted or restored. */
  triggerScheduler: TriggerScheduler;
}

/** Process-wide pieces the per-request context is built from, one field per module. */
export interface ContextDeps {
  triggers: TriggerModuleDeps;
  executions: ExecutionModuleDeps;
}

/** Composes the modules' shares of each request's context; the modules build their own pieces. */
export function createContextFactory(deps: ContextDeps): (base: RequestContext) => WorkflowContext {
  return (base) => {
    const triggers = createTriggersContext(base, deps.triggers);
    const versions = createVersionsContext(base);
    const workflows = createWorkflowsContext(base, versions, triggers);
    const templates = createTemplatesContext(workflows, triggers);
    const executions = createExecutionsContext(base, deps.executions);
    return {
      loaders: { workflows: workflows.loaders, versions: versions.loaders, triggers: triggers.loaders, executions: executions.loaders },
      workflows: workflows.service,
      templates: templates.service,
      triggers: triggers.service,
      triggerScheduler: triggers.scheduler,
      executions: executions.service,
      executionUpdates: deps.executions.updates,
      ...base,
    };
  };
}
