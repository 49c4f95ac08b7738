import type { Resolvers } from '../../generated/graphql';
import type { EventPattern } from './workflow-template';

/** A fresh copy, so nothing downstream can touch the catalog's objects. */
const stepOf = ({ tool, eventType }: EventPattern) => ({ tool, eventType });

export const templateResolvers: Resolvers = {
  Query: {
    workflowTemplates: (_parent, _args, ctx) => ctx.templates.list(ctx.identity),
    workflowTemplate: (_parent, { id }, ctx) => ctx.templates.get(ctx.identity, id),
  },
  Mutation: {
    createWorkflowFromTemplate: (_parent, { input }, ctx) => ctx.templates.createWorkflow(ctx.identity, input),
  },
  WorkflowTemplate: {
    // Suggestions (Analytics) point at templates by id; an unknown id resolves to null.
    __resolveReference: (ref, ctx) => ctx.templates.get(ctx.identity, ref.id),
    parameters: (template) => template.parameters.map((p) => p.name),
    parameterSpecs: (template) => template.parameters.map((p) => ({ ...p, default: p.default ?? null })),
    triggerKind: (template) => template.triggerKind ?? 'EVENT',
    definition: (template) => template.definition as unknown as Record<string, unknown>,
    trigger: (template) => stepOf(template.trigger),
    pattern: (template) => template.pattern.map(stepOf),
  },
};
