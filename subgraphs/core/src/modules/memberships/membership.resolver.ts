import type { Resolvers } from '../../generated/graphql';
import { fromGraphQLRole, toGraphQLRole } from '../../role.mapper';

export const membershipResolvers: Resolvers = {
  Mutation: {
    changeMemberRole: async (_parent, { membershipId, role }, ctx) => ({
      membership: await ctx.memberships.changeRole(ctx.identity, membershipId, fromGraphQLRole(role)),
    }),
    removeMember: async (_parent, { membershipId }, ctx) => ({
      removedMembershipId: await ctx.memberships.remove(ctx.identity, membershipId),
    }),
  },
  Organization: {
    members: (organization, args, ctx) => ctx.memberships.list(ctx.identity, organization.id, args),
  },
  Membership: {
    role: (membership) => toGraphQLRole(membership.role),
    user: async (membership, _args, ctx) => nonNull(await ctx.loaders.users.byId.load(membership.userId), 'user'),
    organization: async (membership, _args, ctx) => nonNull(await ctx.loaders.organizations.byId.load(membership.orgId), 'organization'),
  },
};

/** A visible membership always has a visible user and organization (RLS grants them together). */
function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`membership ${what} not visible`);
  return value;
}
