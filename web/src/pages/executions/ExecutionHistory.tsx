import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ExecutionHistoryDocument, type ExecutionHistoryQuery, type ExecutionStatus } from '../../generated/graphql';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime, formatDuration } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { StatusBadge } from './status-badge';

const STATUSES: ExecutionStatus[] = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const connectionOf = (data: ExecutionHistoryQuery) => data.executions;

/** A workflow's executions, newest first, filtered by status, page by page. */
export function ExecutionHistory({ workflowId }: { workflowId: string }) {
  const filterId = useId();
  const [status, setStatus] = useState<ExecutionStatus | ''>('');
  const variables = useMemo(() => ({ workflowId, status: status || null, first: 20 }), [workflowId, status]);
  const page = usePagedConnection(ExecutionHistoryDocument, variables, connectionOf);

  return (
    <section className="execution-history" aria-labelledby={`${filterId}-heading`}>
      <h2 id={`${filterId}-heading`}>Executions</h2>
      <div className="field filter">
        <label htmlFor={filterId}>Status</label>
        <select id={filterId} value={status} onChange={(event) => setStatus(event.target.value as ExecutionStatus | '')}>
          <option value="">All</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <QueryState
        fetching={page.fetching}
        error={page.error}
        data={page.data}
        isEmpty={() => page.nodes.length === 0}
        empty={status ? `No ${status} executions.` : 'No executions yet: run the workflow to see one here.'}
        label="Loading executions"
      >
        {() => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Queued</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Version</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((execution) => (
                  <tr key={execution.id}>
                    <td>
                      <Link to={`/executions/${execution.id}`}>{formatDateTime(execution.queuedAt)}</Link>
                    </td>
                    <td>
                      <StatusBadge status={execution.status} />
                    </td>
                    <td>{execution.triggerKind}</td>
                    <td>{execution.version}</td>
                    <td>{formatDuration(execution.durationMs)}</td>
                    <td className="cell-error">{execution.error ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <LoadMore hasMore={page.hasMore} loading={page.loadingMore} error={page.loadMoreError} onLoadMore={() => void page.loadMore()} />
    </section>
  );
}
