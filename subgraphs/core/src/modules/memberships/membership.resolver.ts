import { pageSize, requireRole, toConnection } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { fromGraphQLRole, toGraphQLRole } from '../../role.mapper';
import { scopes } from '../../scopes';
import { notCurrentOrganization } from '../organizations/organization.errors';
import type { Membership } from './membership.entity';
import { MembershipRepository } from './membership.repository';

const cursorOf = (m: Membership) => [m.createdAt.toISOString(), m.id];

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
    // Members are listed for the organization the caller acts in only.
    members: async (organization, { first, after }, ctx) => {
      const caller = requireRole(ctx.identity, 'viewer', scopes.organizationRead);
      if (organization.id !== caller.orgId) throw notCurrentOrganization();
      const limit = pageSize(first);
      const rows = after
        ? await new MembershipRepository(ctx.em).pageByOrg(organization.id, limit + 1, after)
        : await ctx.loaders.memberships.firstPageByOrg(limit).load(organization.id);
      return toConnection(rows, limit, cursorOf, Boolean(after));
    },
  },
  Membership: {
    role: (membership) => toGraphQLRole(membership.role),
    user: async (membership, _args, ctx) => nonNull(await ctx.loaders.users.byId.load(membership.userId), 'user'),
    organization: async (membership, _args, ctx) =>
      nonNull(await ctx.loaders.organizations.byId.load(membership.orgId), 'organization'),
  },
};

/** A visible membership always has a visible user and organization (RLS grants them together). */
function nonNull<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`membership ${what} not visible`);
  return value;
}
