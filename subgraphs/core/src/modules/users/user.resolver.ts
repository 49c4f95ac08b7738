import { requireRole, requireUser } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import { scopes } from '../../scopes';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, ctx) => ctx.loaders.users.byId.load(requireUser(ctx.identity).userId),
    // RLS limits users to the caller and members of the current organization.
    user: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', scopes.organizationRead);
      return ctx.loaders.users.byId.load(id);
    },
  },
  User: {
    __resolveReference: (ref, ctx) => {
      requireUser(ctx.identity);
      return ctx.loaders.users.byId.load(ref.id);
    },
    // Limited to the current organization and the caller's own memberships (by code and RLS);
    // no identity check so that the AuthPayload of an anonymous logIn can show them.
    memberships: (user, _args, ctx) => ctx.loaders.memberships.byUser.load(user.id),
  },
};
