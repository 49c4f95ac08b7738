import { decodeCursor, pageSize, requireRole, toConnection, validationError } from '@flowgraph/kernel';
import type { Resolvers } from '../../generated/graphql';
import type { WorkflowVersion } from './workflow-version.entity';
import { versionKey, WorkflowVersionRepository } from './workflow-version.repository';

const cursorOf = (v: WorkflowVersion) => [v.version];

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
    versions: async (workflow, { first, after }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      const limit = pageSize(first);
      if (!after) return toConnection(await ctx.loaders.versions.firstPageByWorkflow(limit).load(workflow.id), limit, cursorOf, false);
      const [before] = decodeCursor(after, 1);
      if (typeof before !== 'number' || !Number.isInteger(before)) throw validationError([{ field: 'after', message: 'Invalid cursor' }]);
      const rows = await new WorkflowVersionRepository(ctx.em).pageByWorkflow(workflow.id, limit + 1, before);
      return toConnection(rows, limit, cursorOf, true);
    },
  },
  WorkflowVersion: {
    isLive: async (version, _args, ctx) => (await ctx.loaders.workflows.byId.load(version.workflowId))?.liveVersion === version.version,
    createdBy: (version) => ({ id: version.createdBy }),
    definition: (version) => version.definition as unknown as Record<string, unknown>,
  },
};
