import { dateTimeScalar, jsonObjectScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { executionResolvers } from './modules/executions/execution.resolver';
import { templateResolvers } from './modules/templates/template.resolver';
import { triggerResolvers } from './modules/triggers/trigger.resolver';
import { versionResolvers } from './modules/versions/workflow-version.resolver';
import { workflowResolvers } from './modules/workflows/workflow.resolver';

/** One entry per module; each module adds its own fields to Query, Mutation, Workflow, … */
const parts: Resolvers[] = [
  workflowResolvers,
  versionResolvers,
  templateResolvers,
  triggerResolvers,
  executionResolvers,
];

/** Merges each module's resolvers type by type (several modules add fields to Query, Mutation, Workflow). */
function merge(all: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of all) {
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as Resolvers;
}

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  JSONObject: jsonObjectScalar,
  ...merge(parts),
};
