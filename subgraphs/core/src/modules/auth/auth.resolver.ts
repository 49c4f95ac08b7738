import type { Resolvers } from '../../generated/graphql';
import { toGraphQLRole } from '../../role.mapper';
import type { AuthResult } from './session.service';

const payload = (result: AuthResult) => ({ ...result, role: toGraphQLRole(result.role) });

export const authResolvers: Resolvers = {
  Query: {
    sessions: (_parent, _args, ctx) => ctx.sessions.list(ctx.identity),
  },
  Mutation: {
    signUp: async (_parent, { input }, ctx) => payload(await ctx.auth.signUp(ctx.identity, input)),
    logIn: async (_parent, { input }, ctx) => payload(await ctx.auth.logIn(ctx.identity, input)),
    refreshSession: async (_parent, { refreshToken }, ctx) => payload(await ctx.sessions.refresh(ctx.identity, refreshToken)),
    switchOrganization: async (_parent, { organizationId }, ctx) =>
      payload(await ctx.auth.switchOrganization(ctx.identity, organizationId)),
    logOut: async (_parent, _args, ctx) => ({ revoked: await ctx.sessions.logOut(ctx.identity) }),
    revokeSession: async (_parent, { id }, ctx) => ({ session: await ctx.sessions.revoke(ctx.identity, id) }),
  },
  Session: {
    current: (session, _args, ctx) => ctx.sessions.isCurrent(ctx.identity, session),
  },
};
