import type { Resolvers } from '../../generated/graphql';

// Placeholder until the reporting module lands (issue 4).
export const reportResolvers: Resolvers = {};
