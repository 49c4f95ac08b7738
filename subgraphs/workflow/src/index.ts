export { startWorkflowServer, typeDefs } from './server';
export { entities } from './entities';
export { migrationPlan } from '../migrations';
export { createWorkflowServerResources } from './server-resources';
export { loadWorkflowConfig, type WorkflowConfig } from './config';
