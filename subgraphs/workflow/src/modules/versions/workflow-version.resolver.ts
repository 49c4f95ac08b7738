import type { Resolvers } from '../../generated/graphql';

/** The version fields of Workflow, and WorkflowVersion itself; read through the per-request loaders by the workflow service. */
export const versionResolvers: Resolvers = {
  Workflow: {
    liveVersion: (workflow, _args, ctx) => ctx.workflows.liveVersion(workflow),
    latestVersion: (workflow, _args, ctx) => ctx.workflows.latestVersion(workflow),
    versions: (workflow, args, ctx) => ctx.workflows.listVersions(ctx.identity, workflow.id, args),
  },
  WorkflowVersion: {
    isLive: (version, _args, ctx) => ctx.workflows.isLive(version),
    createdBy: (version) => ({ id: version.createdBy }),
    definition: (version) => version.definition as unknown as Record<string, unknown>,
  },
};
