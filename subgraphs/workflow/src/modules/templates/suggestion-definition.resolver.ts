import type { Resolvers } from '../../generated/graphql';

/**
 * Analytics' `Suggestion`, completed here: the router passes the suggestion's `templateId` and
 * prefilled `parameters` (@requires), and this subgraph shows the workflow they would make.
 * Analytics authorized the suggestion itself; the template catalog holds nothing private.
 */
export const suggestionDefinitionResolvers: Resolvers = {
  Suggestion: {
    __resolveReference: (ref, ctx) => ctx.templates.suggestion(ctx.identity, ref),
    workflowDefinition: (suggestion, _args, ctx) =>
      ctx.templates.preview(suggestion.templateId, suggestion.parameters) as unknown as Record<string, unknown>,
  },
};
