import { notFound, requireRole } from '@flowgraph/kernel';
import type { ExecutionStatus as GqlExecutionStatus, Resolvers, StepRunStatus, TriggerKind } from '../../generated/graphql';
import type { Execution, ExecutionStatus } from './execution.entity';
import type { StepRun } from './step-run.entity';
import { executionStream } from './execution-stream';

/** A step shows whom it waits on only while it waits; a failed step keeps why in its error. */
const waiting = (run: StepRun) => Boolean(run.waitingOn) && (run.status === 'pending' || run.status === 'running');
const statusFilter = (status: GqlExecutionStatus | null | undefined) => (status ? (status.toLowerCase() as ExecutionStatus) : undefined);

export const executionResolvers: Resolvers = {
  Query: {
    execution: (_parent, { id }, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return ctx.loaders.executions.byId.load(id);
    },
    executions: (_parent, { workflowId, status, first, after }, ctx) =>
      ctx.executions.list(ctx.identity, workflowId, statusFilter(status), { first, after }),
  },
  Mutation: {
    executeWorkflow: async (_parent, { input }, ctx) => ({ execution: await ctx.executions.execute(ctx.identity, input) }),
    cancelExecution: async (_parent, { id }, ctx) => ({ execution: await ctx.executions.cancel(ctx.identity, id) }),
    rerunExecution: async (_parent, { id }, ctx) => ({ execution: await ctx.executions.rerun(ctx.identity, id) }),
  },
  Subscription: {
    executionUpdated: {
      subscribe: (_parent, { executionId }, ctx) =>
        executionStream(ctx, requireRole(ctx.identity, 'viewer', 'workflows:read'), executionId),
      resolve: (execution: Execution | null) => {
        if (!execution) throw notFound('Execution');
        return execution;
      },
    },
  },
  Workflow: {
    // The workflow itself was authorized by the field that returned it.
    latestExecution: (workflow, _args, ctx) => ctx.loaders.executions.latestByWorkflow.load(workflow.id),
  },
  Execution: {
    // A reference is read like `execution(id)`: the same role and scope, not row-level security alone.
    __resolveReference: (ref, ctx) => {
      requireRole(ctx.identity, 'viewer', 'workflows:read');
      return ctx.loaders.executions.byId.load(ref.id);
    },
    workflow: async (execution, _args, ctx) => (await ctx.loaders.workflows.byId.load(execution.workflowId))!,
    status: (execution) => execution.status.toUpperCase() as GqlExecutionStatus,
    triggerKind: (execution) => execution.triggerKind.toUpperCase() as TriggerKind,
    rerunOf: (execution, _args, ctx) => (execution.rerunOf ? ctx.loaders.executions.byId.load(execution.rerunOf) : null),
    durationMs: (execution) =>
      execution.startedAt && execution.finishedAt ? execution.finishedAt.getTime() - execution.startedAt.getTime() : null,
    steps: async (execution, _args, ctx) => {
      const steps = await ctx.loaders.executions.stepsByExecution.load(execution.id);
      // In the order they started; steps never started (skipped ones too) keep their recorded time.
      return [...steps].sort((a, b) => (a.startedAt?.getTime() ?? 0) - (b.startedAt?.getTime() ?? 0));
    },
    waitingOn: async (execution, _args, ctx) => {
      if (execution.status !== 'running') return null;
      const steps = await ctx.loaders.executions.stepsByExecution.load(execution.id);
      return steps.find(waiting)?.waitingOn ?? null;
    },
  },
  StepRun: {
    status: (run) => run.status.toUpperCase() as StepRunStatus,
    waitingOn: (run) => (waiting(run) ? run.waitingOn! : null),
    waitingSince: (run) => (waiting(run) ? (run.waitingSince ?? null) : null),
  },
};
