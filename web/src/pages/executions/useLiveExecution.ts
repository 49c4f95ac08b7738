import { useEffect, useState } from 'react';
import { useExecutionDetailQuery, useExecutionUpdatedSubscription, type ExecutionDetailFragment } from '../../generated/graphql';
import { isFinished, mergeExecution } from './execution-state';

/**
 * An execution as it is now: the page's query, then each `executionUpdated` merged in while it
 * is queued or running (the subscription is dropped once it has finished), and what a mutation
 * answered (`record`).
 */
export function useLiveExecution(id: string) {
  const [query, refetch] = useExecutionDetailQuery({ variables: { id } });
  const [recorded, record] = useState<ExecutionDetailFragment | null>(null);
  const [finished, setFinished] = useState(false);
  const fromQuery = query.data?.execution;
  const [live] = useExecutionUpdatedSubscription(
    { variables: { executionId: id }, pause: !fromQuery || isFinished(fromQuery.status) || finished },
    (previous: ExecutionDetailFragment | null | undefined, update) => mergeExecution(previous, update.executionUpdated),
  );
  const execution = mergeExecution(mergeExecution(fromQuery, live.data), recorded);
  const status = execution?.status;
  // Once it has finished nothing more will change: stop listening.
  useEffect(() => {
    if (status && isFinished(status)) setFinished(true);
  }, [status]);
  return {
    execution,
    fetching: query.fetching,
    error: query.error,
    liveError: live.error,
    found: query.data !== undefined,
    record,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
  };
}
