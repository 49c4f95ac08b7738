import type { Resolvers } from '../../generated/graphql';
import { fromGraphQLRole, toGraphQLRole } from '../../role.mapper';

export const invitationResolvers: Resolvers = {
  Query: {
    invitations: (_parent, args, ctx) => ctx.invitations.list(ctx.identity, args),
  },
  Mutation: {
    inviteMember: (_parent, { input }, ctx) =>
      ctx.invitations.invite(ctx.identity, { email: input.email, role: fromGraphQLRole(input.role) }),
    acceptInvitation: async (_parent, { token }, ctx) => {
      const result = await ctx.invitations.accept(ctx.identity, token);
      return { ...result, role: toGraphQLRole(result.role) };
    },
    revokeInvitation: async (_parent, { id }, ctx) => ({ invitation: await ctx.invitations.revoke(ctx.identity, id) }),
  },
  Invitation: {
    role: (invitation) => toGraphQLRole(invitation.role),
    invitedBy: (invitation, _args, ctx) => ctx.loaders.users.byId.load(invitation.invitedBy),
  },
};
