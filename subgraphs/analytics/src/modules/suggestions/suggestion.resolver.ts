import { eachSubscriptionEvent } from '@flowgraph/kernel';
import type { AnalyticsContext } from '../../context';
import type { Resolvers, SuggestionStatus as GqlSuggestionStatus } from '../../generated/graphql';
import type { SuggestionAddedMessage } from './suggestion-feed';
import type { SuggestionStatus } from './suggestion.entity';

const statusFilter = (status: GqlSuggestionStatus | null | undefined) => (status ? (status.toLowerCase() as SuggestionStatus) : undefined);

export const suggestionResolvers: Resolvers = {
  Query: {
    suggestion: (_parent, { id }, ctx) => ctx.suggestions.byId(ctx.identity, id),
  },
  Mutation: {
    acceptSuggestion: (_parent, { id, input }, ctx) => ctx.suggestions.accept(ctx.identity, id, input ?? {}),
    dismissSuggestion: async (_parent, { id }, ctx) => ({ suggestion: await ctx.suggestions.dismiss(ctx.identity, id) }),
  },
  Subscription: {
    suggestionAdded: {
      subscribe: async (_parent, _args, ctx) => {
        const { caller, messages } = await ctx.suggestions.added(ctx.identity);
        // The channel is already the caller's own; the check keeps a stray message out all the same.
        return eachSubscriptionEvent(ctx, messages, (m: SuggestionAddedMessage) => m.orgId === caller.orgId && m.userId === caller.userId);
      },
      resolve: (message: SuggestionAddedMessage, _args: unknown, ctx: AnalyticsContext) => ctx.suggestions.addedSuggestion(message),
    },
  },
  Suggestion: {
    __resolveReference: (ref, ctx) => ctx.suggestions.byId(ctx.identity, ref.id),
    status: (suggestion) => suggestion.status.toUpperCase() as GqlSuggestionStatus,
    // The pattern is deleted with its suggestion (on delete cascade), so it is always there.
    pattern: async (suggestion, _args, ctx) => (await ctx.loaders.patterns.byId.load(suggestion.patternId))!,
    template: (suggestion) => ({ id: suggestion.templateId }),
    workflow: (suggestion) => (suggestion.workflowId ? { id: suggestion.workflowId } : null),
    user: (suggestion) => ({ id: suggestion.userId }),
  },
  Pattern: {
    suggestion: (pattern, _args, ctx) => ctx.suggestions.forPattern(ctx.identity, pattern.id),
  },
  User: {
    suggestions: (user, { status, first, after }, ctx) =>
      ctx.suggestions.listForUser(ctx.identity, user.id, statusFilter(status), { first, after }),
  },
};
