import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { WorkflowExecutionsDocument, type ExecutionStatus, type WorkflowExecutionsQuery } from '../../generated/graphql';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime, formatDuration } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { ExecutionStatusBadge } from './ExecutionStatusBadge';
import { TableScroll } from '../../ui/TableScroll';

const STATUSES: ExecutionStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** The workflow's executions, newest first, by status; each opens its execution page. */
export function ExecutionsSection({ workflowId }: { workflowId: string }) {
  const [status, setStatus] = useState<ExecutionStatus | ''>('');
  const variables = useMemo(() => ({ workflowId, status: status || null, first: 20 }), [workflowId, status]);
  const connectionOf = useCallback((data: WorkflowExecutionsQuery) => data.executions, []);
  const executions = usePagedConnection(WorkflowExecutionsDocument, variables, connectionOf);
  return (
    <section aria-labelledby="executions-heading">
      <div className="page-heading">
        <h2 id="executions-heading">Executions</h2>
        <div className="actions">
          <label htmlFor="execution-status">Status</label>
          <select id="execution-status" value={status} onChange={(e) => setStatus(e.target.value as ExecutionStatus | '')}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.charAt(0) + s.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
          <button type="button" onClick={executions.refetch} disabled={executions.fetching}>
            Refresh
          </button>
        </div>
      </div>
      <QueryState
        data={executions.data}
        fetching={executions.fetching}
        error={executions.error}
        label="Loading executions"
        isEmpty={() => executions.nodes.length === 0}
        empty={status ? 'No executions with this status.' : 'No executions yet: run it now, or wait for a trigger.'}
      >
        {() => (
          <TableScroll label={'Executions'}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Queued</th>
                  <th scope="col">Started by</th>
                  <th scope="col">Version</th>
                  <th scope="col">Duration</th>
                </tr>
              </thead>
              <tbody>
                {executions.nodes.map((execution) => (
                  <tr key={execution.id}>
                    <td>
                      <Link
                        to={`/executions/${execution.id}`}
                        aria-label={`Execution of ${formatDateTime(execution.queuedAt)}: ${execution.status.toLowerCase()}`}
                      >
                        <ExecutionStatusBadge status={execution.status} />
                      </Link>
                    </td>
                    <td>
                      <time dateTime={execution.queuedAt}>{formatDateTime(execution.queuedAt)}</time>
                    </td>
                    <td>{execution.triggerKind.toLowerCase()}</td>
                    <td>{execution.version}</td>
                    <td>{formatDuration(execution.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={executions} />
    </section>
  );
}
