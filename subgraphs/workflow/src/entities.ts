import { WorkflowVersionEntity } from './modules/versions/workflow-version.entity';
import { WorkflowEntity } from './modules/workflows/workflow.entity';
import { TriggerEntity } from './modules/triggers/trigger.entity';
import { ExecutionEntity } from './modules/executions/execution.entity';
import { StepRunEntity } from './modules/executions/step-run.entity';

/** Every entity this subgraph maps, listed explicitly. */
export const entities = [WorkflowEntity, WorkflowVersionEntity, TriggerEntity, ExecutionEntity, StepRunEntity];
