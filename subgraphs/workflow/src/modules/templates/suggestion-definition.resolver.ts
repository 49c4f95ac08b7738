import { notFound, requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { findTemplate } from './template.service';
import { previewTemplate } from './workflow-template';

/**
 * Analytics' `Suggestion`, completed here: the router passes the suggestion's `templateId` and
 * prefilled `parameters` (@requires), and this subgraph shows the workflow they would make.
 * Analytics authorized the suggestion itself; the template catalog holds nothing private.
 */
export const suggestionDefinitionResolvers: Resolvers = {
  Suggestion: {
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'suggestions:read');
      return { id: ref.id, templateId: ref.templateId ?? '', parameters: ref.parameters ?? {} };
    },
    workflowDefinition: (suggestion) => {
      const template = suggestion.templateId ? findTemplate(suggestion.templateId) : null;
      if (!template) throw notFound('Template');
      return previewTemplate(template, suggestion.parameters ?? {}) as unknown as Record<string, unknown>;
    },
  },
};
