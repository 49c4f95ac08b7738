import { WorkflowEntity } from './modules/workflows/workflow.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [WorkflowEntity];
