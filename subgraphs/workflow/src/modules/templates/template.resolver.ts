import { requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { templates } from './template-catalog';
import { createWorkflowFromTemplate, findTemplate } from './template.service';
import type { EventPattern } from './workflow-template';

/** A fresh copy, so nothing downstream can touch the catalog's objects. */
const stepOf = ({ tool, eventType }: EventPattern) => ({ tool, eventType });

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
    createWorkflowFromTemplate: (_parent, { input }, ctx) => createWorkflowFromTemplate(ctx, ctx.identity, input),
  },
  WorkflowTemplate: {
    // Suggestions (Analytics) point at templates by id; an unknown id resolves to null.
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return findTemplate(ref.id);
    },
    parameters: (template) => template.parameters.map((p) => p.name),
    parameterSpecs: (template) => template.parameters.map((p) => ({ ...p, default: p.default ?? null })),
    triggerKind: (template) => template.triggerKind ?? 'EVENT',
    definition: (template) => template.definition as unknown as Record<string, unknown>,
    trigger: (template) => stepOf(template.trigger),
    pattern: (template) => template.pattern.map(stepOf),
  },
};
