import { eachSubscriptionEvent, inScopedTransaction, notFound, type MemberIdentity } from '@flowgraph/kernel';
import type { WorkflowContext } from '../../context';
import { ExecutionEntity, FINISHED_STATUSES, type Execution } from './execution.entity';
import type { ExecutionUpdateMessage } from './execution-updates';

/** Yields `first`, then what `rest` yields; `return()` goes straight to `rest` (it may be waiting on Redis). */
function startingWith<T>(first: T, rest: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  let pending = true;
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (!pending) return rest.next();
      pending = false;
      return Promise.resolve({ value: first, done: false });
    },
    return: (value?: unknown) => rest.return?.(value) ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) => rest.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The `executionUpdated` events of one execution: the execution as it is after each change
 * (null if it is gone), ending once it has been delivered finished. Messages carry ids only, so
 * the worker's last two announcements (after the last step, then the outcome) both read the
 * finished execution: only the first is delivered. An execution already finished when the
 * subscription starts is delivered once, at once. The channel is subscribed before the
 * execution is read, so an outcome recorded in between is not missed.
 */
export async function executionStream(
  ctx: WorkflowContext,
  caller: MemberIdentity,
  executionId: string,
): Promise<AsyncIterableIterator<Execution | null>> {
  if (!ctx.executionUpdates) throw new Error('Subscriptions are not enabled on this server');
  const messages = await ctx.executionUpdates.subscribe(executionId);
  const leave = async (error: unknown): Promise<never> => {
    await messages.return?.();
    throw error;
  };
  // Row-level security: only an execution of the caller's organization is found.
  const found = await inScopedTransaction(ctx.em, { orgId: caller.orgId, userId: caller.userId }, (em) =>
    em.findOne(ExecutionEntity, { id: executionId }),
  ).catch(leave);
  if (!found) return leave(notFound('Execution'));
  const source = FINISHED_STATUSES.includes(found.status) ? startingWith({ executionId, orgId: found.orgId }, messages) : messages;
  const events = eachSubscriptionEvent(ctx, source, (m: ExecutionUpdateMessage) => m.orgId === caller.orgId);
  let finished = false;
  const end = async (): Promise<IteratorResult<Execution | null>> => {
    await events.return?.();
    return { value: undefined, done: true };
  };
  const stream: AsyncIterableIterator<Execution | null> = {
    next: async () => {
      if (finished) return end();
      const event = await events.next();
      if (event.done) return { value: undefined, done: true };
      // After eachSubscriptionEvent's begin(): the context's loaders read in this event's transaction.
      const execution = (await ctx.loaders.executions.byId.load(executionId)) ?? null;
      finished = execution !== null && FINISHED_STATUSES.includes(execution.status);
      return { value: execution, done: false };
    },
    return: end,
    throw: async (error?: unknown) => {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}
