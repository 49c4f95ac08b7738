import { AuditLogDocument, type AuditLogQuery } from '../../generated/graphql';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { TableScroll } from '../../ui/TableScroll';

const PAGE = { first: 50 };
const entriesOf = (data: AuditLogQuery) => data.auditLog;

/** Who did what, newest first (admins: mounted inside AdminOnly); more pages load as the end scrolls into view. */
export function AuditLogSection() {
  const log = usePagedConnection(AuditLogDocument, PAGE, entriesOf);
  return (
    <>
      <h2>Audit log</h2>
      <p className="muted">Every change in the organization and every sign-in, newest first. Quote the request id to support.</p>
      <QueryState
        fetching={log.fetching}
        error={log.error}
        data={log.data}
        isEmpty={() => log.nodes.length === 0}
        empty="Nothing recorded yet."
        label="Loading the audit log"
      >
        {() => (
          <TableScroll label={'Audit log'}>
            <table className="stacked-table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Request id</th>
                  <th scope="col">IP</th>
                </tr>
              </thead>
              <tbody>
                {log.nodes.map((entry) => (
                  <tr key={entry.id}>
                    <td data-label="Time">
                      <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
                    </td>
                    <td data-label="Actor">
                      {entry.actor ? <span title={entry.actor.email}>{entry.actor.name}</span> : <span className="muted">—</span>}
                    </td>
                    <td data-label="Action">
                      <code>{entry.action}</code>
                    </td>
                    <td data-label="Target">
                      {entry.targetType ? (
                        <span>
                          {entry.targetType} <code className="muted">{entry.targetId}</code>
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td data-label="Request id">{entry.requestId ? <code>{entry.requestId}</code> : '—'}</td>
                    <td data-label="IP">{entry.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={log} auto />
    </>
  );
}
