import { dateTimeScalar } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { patternResolvers } from './modules/patterns/pattern.resolver';

export const resolvers: Resolvers = {
  DateTime: dateTimeScalar,
  ...patternResolvers,
};
