import type { Resolvers } from '../../generated/graphql';

export const workflowResolvers: Resolvers = {
  Query: {
    workflows: (_parent, args, ctx) => ctx.workflows.list(ctx.identity, args),
    workflow: (_parent, { id }, ctx) => ctx.workflows.get(ctx.identity, id),
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
    __resolveReference: (ref, ctx) => ctx.workflows.get(ctx.identity, ref.id),
    owner: (workflow) => ({ id: workflow.userId }),
    organization: (workflow) => ({ id: workflow.orgId }),
  },
  User: {
    workflows: (user, args, ctx) => ctx.workflows.listOwned(ctx.identity, user.id, args),
  },
  Organization: {
    workflows: (org, { first, after }, ctx) => ctx.workflows.listOfOrganization(ctx.identity, org.id, { first, after }),
  },
};
