import { notFound, requireRole } from '@flowgraph/kernel';
import type { ExecutionStatus as GqlExecutionStatus, Resolvers, StepRunStatus, TriggerKind } from '../../generated/graphql';
import type { Execution, ExecutionStatus } from './execution.entity';
import { isWaiting } from './step-run.entity';
import { executionStream } from './execution-stream';

const statusFilter = (status: GqlExecutionStatus | null | undefined) => (status ? (status.toLowerCase() as ExecutionStatus) : undefined);

export const executionResolvers: Resolvers = {
  Query: {
    execution: (_parent, { id }, ctx) => ctx.executions.get(ctx.identity, id),
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
    __resolveReference: (ref, ctx) => ctx.executions.get(ctx.identity, ref.id),
    workflow: async (execution, _args, ctx) => (await ctx.loaders.workflows.byId.load(execution.workflowId))!,
    status: (execution) => execution.status.toUpperCase() as GqlExecutionStatus,
    triggerKind: (execution) => execution.triggerKind.toUpperCase() as TriggerKind,
    rerunOf: (execution, _args, ctx) => (execution.rerunOf ? ctx.loaders.executions.byId.load(execution.rerunOf) : null),
    durationMs: (execution) =>
      execution.startedAt && execution.finishedAt ? execution.finishedAt.getTime() - execution.startedAt.getTime() : null,
    steps: (execution, _args, ctx) => ctx.executions.steps(execution),
    waitingOn: (execution, _args, ctx) => ctx.executions.waitingOn(execution),
  },
  StepRun: {
    status: (run) => run.status.toUpperCase() as StepRunStatus,
    waitingOn: (run) => (isWaiting(run) ? run.waitingOn! : null),
    waitingSince: (run) => (isWaiting(run) ? (run.waitingSince ?? null) : null),
  },
};
