import { requireRole } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';

const EMPTY_CONNECTION = { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } };

export const workflowResolvers: Resolvers = {
  Query: {
    workflows: (_parent, args, ctx) => ctx.workflows.list(ctx.identity, args),
    workflow: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return ctx.loaders.workflows.byId.load(id);
    },
  },
  Mutation: {
    createWorkflow: async (_parent, { input }, ctx) => ({ workflow: await ctx.workflows.create(ctx.identity, input) }),
    updateWorkflow: async (_parent, { id, input }, ctx) => ({ workflow: await ctx.workflows.update(ctx.identity, id, input) }),
    publishWorkflow: async (_parent, { id, version }, ctx) => ({ workflow: await ctx.workflows.publish(ctx.identity, id, version) }),
    rollbackWorkflow: async (_parent, { id, toVersion }, ctx) => ({ workflow: await ctx.workflows.rollback(ctx.identity, id, toVersion) }),
    setWorkflowActive: async (_parent, { id, active }, ctx) => ({ workflow: await ctx.workflows.setActive(ctx.identity, id, active) }),
    deleteWorkflow: (_parent, { id }, ctx) => ctx.workflows.delete(ctx.identity, id),
    restoreWorkflow: async (_parent, { id }, ctx) => ({ workflow: await ctx.workflows.restore(ctx.identity, id) }),
  },
  Workflow: {
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return ctx.loaders.workflows.byId.load(ref.id);
    },
    owner: (workflow) => ({ id: workflow.userId }),
    organization: (workflow) => ({ id: workflow.orgId }),
  },
  User: {
    workflows: (user, args, ctx) => ctx.workflows.listOwned(ctx.identity, user.id, args),
  },
  Organization: {
    /** Only the caller's organization has workflows to show; any other is empty, not an error. */
    workflows: (org, { first, after }, ctx) => {
      const caller = requireRole(ctx.identity, 'viewer', 'workflows:read');
      if (org.id !== caller.orgId) return EMPTY_CONNECTION;
      return ctx.workflows.list(ctx.identity, { first, after });
    },
  },
};
