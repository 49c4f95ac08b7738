import type { Resolvers } from '../../generated/graphql';
import { versionKey } from './workflow-version.repository';

/** The version fields of Workflow, and WorkflowVersion itself; all through per-request loaders. */
export const versionResolvers: Resolvers = {
  Workflow: {
    liveVersion: (workflow, _args, ctx) =>
      workflow.liveVersion == null ? null : ctx.loaders.versions.byNumber.load(versionKey(workflow.id, workflow.liveVersion)),
    latestVersion: async (workflow, _args, ctx) => {
      const version = await ctx.loaders.versions.byNumber.load(versionKey(workflow.id, workflow.latestVersion));
      // latest_version is bumped in the same transaction that inserts the version: it always exists.
      if (!version) throw new Error(`workflow ${workflow.id} lacks its latest version ${workflow.latestVersion}`);
      return version;
    },
    versions: (workflow, args, ctx) => ctx.workflows.listVersions(ctx.identity, workflow.id, args),
  },
  WorkflowVersion: {
    isLive: async (version, _args, ctx) => (await ctx.loaders.workflows.byId.load(version.workflowId))?.liveVersion === version.version,
    createdBy: (version) => ({ id: version.createdBy }),
    definition: (version) => version.definition as unknown as Record<string, unknown>,
  },
};
