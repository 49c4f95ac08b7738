import type { IntegrationDetailFragment } from '../../generated/graphql';
import { formatDateTime, formatDuration } from '../../ui/format';
import { HealthBadge } from './HealthBadge';
import { TableScroll } from '../../ui/TableScroll';

/** The latest health checks, newest first. */
export function HealthHistory({ checks }: { checks: IntegrationDetailFragment['healthHistory'] }) {
  return (
    <section aria-labelledby="health-heading">
      <h2 id="health-heading">Health checks</h2>
      {checks.length === 0 ? (
        <div className="empty">No check has run yet: checks run every few minutes, or test it now.</div>
      ) : (
        <TableScroll label={'Health checks'}>
          <table>
            <thead>
              <tr>
                <th scope="col">Checked</th>
                <th scope="col">Result</th>
                <th scope="col">Answered in</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {checks.map((check, index) => (
                <tr key={`${check.checkedAt}-${index}`}>
                  <td>{formatDateTime(check.checkedAt)}</td>
                  <td>
                    <HealthBadge health={check.status} />
                  </td>
                  <td>{formatDuration(check.durationMs)}</td>
                  <td className="cell-error">{check.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
