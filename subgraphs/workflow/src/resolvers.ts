import { auditedMutations, dateTimeScalar, jsonObjectScalar, mergeResolvers } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { executionResolvers } from './modules/executions/execution.resolver';
import { suggestionDefinitionResolvers } from './modules/templates/suggestion-definition.resolver';
import { templateResolvers } from './modules/templates/template.resolver';
import { triggerResolvers } from './modules/triggers/trigger.resolver';
import { versionResolvers } from './modules/versions/workflow-version.resolver';
import { workflowResolvers } from './modules/workflows/workflow.resolver';

/** One entry per module; each module adds its own fields to Query, Mutation, Workflow, … */
const parts: Resolvers[] = [
  workflowResolvers,
  versionResolvers,
  templateResolvers,
  suggestionDefinitionResolvers,
  triggerResolvers,
  executionResolvers,
];

/** Every mutation that succeeds is audited (see auditedMutations). */
export const resolvers: Resolvers = auditedMutations<Resolvers>(
  {
    DateTime: dateTimeScalar,
    JSONObject: jsonObjectScalar,
    ...mergeResolvers(parts),
  },
  { area: 'workflow', schema: 'workflow' },
);
