import { pageSize, requireRole, toConnection } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import type { Workflow } from './workflow.entity';
import { WorkflowRepository } from './workflow.repository';

const cursorOf = (w: Workflow) => [w.createdAt.toISOString(), w.id];

export const workflowResolvers: Resolvers = {
  Query: {
    workflow: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return ctx.loaders.workflows.byId.load(id);
    },
  },
  Mutation: {
    createWorkflow: async (_parent, { input }, ctx) => ({ workflow: await ctx.workflows.create(ctx.identity, input) }),
  },
  Workflow: {
    __resolveReference: (ref, ctx) => ctx.loaders.workflows.byId.load(ref.id),
    owner: (workflow) => ({ id: workflow.userId }),
  },
  User: {
    workflows: async (user, { first, after }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      const limit = pageSize(first);
      const rows = after
        ? await new WorkflowRepository(ctx.em).pageByOwner(user.id, limit + 1, after)
        : await ctx.loaders.workflows.firstPageByOwner(limit).load(user.id);
      return toConnection(rows, limit, cursorOf, Boolean(after));
    },
  },
};
