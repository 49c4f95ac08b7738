import type { Resolvers } from '../../generated/graphql';

// Placeholder until the suggestions module lands (issue 4).
export const suggestionResolvers: Resolvers = {};
