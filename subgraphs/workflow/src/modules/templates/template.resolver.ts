import { requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { templates } from './template-catalog';
import { createWorkflowFromTemplate, findTemplate } from './template.service';

export const templateResolvers: Resolvers = {
  Query: {
    workflowTemplates: (_parent, _args, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return [...templates];
    },
    workflowTemplate: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return findTemplate(id);
    },
  },
  Mutation: {
    createWorkflowFromTemplate: async (_parent, { input }, ctx) => ({
      workflow: await createWorkflowFromTemplate(ctx.workflows, ctx.identity, input),
    }),
  },
  WorkflowTemplate: {
    parameters: (template) => template.parameters.map((p) => p.name),
    definition: (template) => template.definition as unknown as Record<string, unknown>,
  },
};
