import { auditedMutations, dateScalar, dateTimeScalar, jsonObjectScalar, mergeResolvers } from '@flowgraph/kernel';
import type { Resolvers } from './generated/graphql';
import { patternResolvers } from './modules/patterns/pattern.resolver';
import { reportResolvers } from './modules/reporting/report.resolver';
import { suggestionResolvers } from './modules/suggestions/suggestion.resolver';

/** Every mutation that succeeds is audited (see auditedMutations). */
export const resolvers: Resolvers = auditedMutations(
  mergeResolvers<Resolvers>([
    { DateTime: dateTimeScalar, Date: dateScalar, JSONObject: jsonObjectScalar },
    patternResolvers,
    suggestionResolvers,
    reportResolvers,
  ]),
  { area: 'analytics', schema: 'analytics' },
);
