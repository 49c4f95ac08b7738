import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCancelExecutionMutation, useRerunExecutionMutation, type ExecutionDetailFragment } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime, formatDuration } from '../../ui/format';
import { allowedActions, isFinished } from './execution-state';
import { StatusBadge } from './status-badge';
import { StepList } from './StepList';
import { useLiveExecution } from './useLiveExecution';

/** Members run, cancel and re-run; viewers only read. */
const CAN_RUN = ['OWNER', 'ADMIN', 'MEMBER'];

/** One execution: status live while it runs, its steps, cancel and re-run. Route `/executions/:id`. */
export default function ExecutionPage() {
  const id = useParams().id!;
  // A fresh view per execution: a re-run opens a new id, with its own query, subscription and state.
  return <ExecutionView key={id} id={id} />;
}

function ExecutionView({ id }: { id: string }) {
  const { execution, fetching, error, liveError, found, record, refetch } = useLiveExecution(id);
  const announcement = useStatusAnnouncement(execution);

  if (!execution) {
    if (error) return <ErrorNotice error={error} title="Could not load the execution" />;
    if (found && !fetching)
      return (
        <section>
          <h1>Execution not found</h1>
          <p>
            There is no execution with this id in your organization. <Link to="/workflows">Back to workflows</Link>
          </p>
        </section>
      );
    return (
      <p role="status" className="muted">
        Loading the execution…
      </p>
    );
  }

  return (
    <section className="execution">
      <p className="muted">
        <Link to={`/workflows/${execution.workflow.id}`}>{execution.workflow.name}</Link> · version {execution.version}
      </p>
      <h1>Execution</h1>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="execution-status">
          <StatusBadge status={execution.status} />
        </dd>
        <dt>Trigger</dt>
        <dd>{execution.triggerKind}</dd>
        <dt>Queued</dt>
        <dd>{formatDateTime(execution.queuedAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(execution.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(execution.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(execution.durationMs)}</dd>
        {execution.rerunOf && (
          <>
            <dt>Re-run of</dt>
            <dd>
              <Link to={`/executions/${execution.rerunOf.id}`}>the failed execution</Link>
            </dd>
          </>
        )}
        {execution.waitingOn && (
          <>
            <dt>Waiting on</dt>
            <dd>{execution.waitingOn}</dd>
          </>
        )}
      </dl>
      {execution.error && (
        <div className="notice notice-error">
          <strong>{execution.status === 'CANCELLED' ? 'Cancelled' : 'Failed'}</strong>
          <p>{execution.error}</p>
        </div>
      )}
      {liveError && !isFinished(execution.status) && (
        <div className="notice">
          <p>Live updates stopped: {liveError.message}</p>
          <button type="button" onClick={refetch}>
            Refresh
          </button>
        </div>
      )}
      <ExecutionActions execution={execution} onChange={record} />
      <h2>Steps</h2>
      <StepList steps={execution.steps} />
      <h2>Data</h2>
      <details>
        <summary>Input</summary>
        <pre className="json">{JSON.stringify(execution.input, null, 2)}</pre>
      </details>
      {execution.output && (
        <details>
          <summary>Output</summary>
          <pre className="json">{JSON.stringify(execution.output, null, 2)}</pre>
        </details>
      )}
    </section>
  );
}

/** "Status: RUNNING" each time the status changes after the page loaded, for the aria-live region. */
function useStatusAnnouncement(execution: ExecutionDetailFragment | null): string {
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<string | null>(null);
  const status = execution?.status ?? null;
  useEffect(() => {
    if (status && previous.current && previous.current !== status) setAnnouncement(`Execution status: ${status}`);
    previous.current = status;
  }, [status]);
  return announcement;
}

/** Cancel while queued or running; re-run from the failed step once failed (the new execution opens). */
export function ExecutionActions({
  execution,
  onChange,
}: {
  execution: ExecutionDetailFragment;
  onChange: (execution: ExecutionDetailFragment) => void;
}) {
  const { session } = useSession();
  const navigate = useNavigate();
  const [cancelState, cancel] = useCancelExecutionMutation();
  const [rerunState, rerun] = useRerunExecutionMutation();
  const allowed = allowedActions(execution.status);
  if (!session || !CAN_RUN.includes(session.role) || (!allowed.cancel && !allowed.rerun)) return null;

  async function cancelNow() {
    const result = await cancel({ id: execution.id });
    if (result.data) onChange(result.data.cancelExecution.execution);
  }
  async function rerunNow() {
    const result = await rerun({ id: execution.id });
    if (result.data) navigate(`/executions/${result.data.rerunExecution.execution.id}`);
  }

  return (
    <div className="actions">
      {allowed.cancel && (
        <button type="button" className="danger" onClick={() => void cancelNow()} disabled={cancelState.fetching}>
          {cancelState.fetching ? 'Cancelling…' : 'Cancel execution'}
        </button>
      )}
      {allowed.rerun && (
        <button type="button" className="primary" onClick={() => void rerunNow()} disabled={rerunState.fetching}>
          {rerunState.fetching ? 'Starting…' : 'Re-run from failed step'}
        </button>
      )}
      {cancelState.error && <ErrorNotice error={cancelState.error} title="Could not cancel" />}
      {rerunState.error && <ErrorNotice error={rerunState.error} title="Could not re-run" />}
    </div>
  );
}
