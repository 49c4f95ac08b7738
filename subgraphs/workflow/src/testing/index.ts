/** Workflow for other packages' tests (e2e/, bench/): its trigger harness, and the internals the cross-subgraph flows drive directly. */
export * from './trigger-harness';
export { CoreClient } from '../modules/steps/core-client';
export { bullPrefix, QUEUES } from '../jobs/queues';
export { startWorkers } from '../workers';
export { ExecutionStarter } from '../modules/executions/execution-starter';
export { executionChannel } from '../modules/executions/execution-updates';
export { createNotifyStep } from '../modules/steps/notify.step';
export type { StepContext } from '../modules/steps/step-runner';
export { templatesById } from '../modules/templates/template-catalog';
export { EVENT_TRIGGERS_GROUP, EventTriggerConsumer } from '../modules/triggers/event-trigger.consumer';
export { startWorkflowWorkerProcess, killProcess } from './worker-process';
