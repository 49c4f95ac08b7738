import { useMemo, useState } from 'react';
import { useOrganizationReportQuery, useRefreshOrganizationReportMutation } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { FunnelChart, SuggestionsChart } from './CategoryCharts';
import { PERIODS, reportPeriod, type PeriodDays } from './report-series';
import { ActiveUsersChart, RunsChart, ToolActivityChart } from './TimeCharts';

const ADMIN_ROLES = new Set(['OWNER', 'ADMIN']);

/** The organization's reports (admins): activity, runs, suggestions and activation over a period. */
export default function Reports() {
  const { session } = useSession();
  if (!ADMIN_ROLES.has(session?.role ?? '')) {
    return (
      <section>
        <h1>Reports</h1>
        <div className="empty">
          <p>
            <strong>Reports are for admins.</strong>
          </p>
          <p>Ask an owner or admin of {session?.organization.name ?? 'your organization'} for the figures you need.</p>
        </div>
      </section>
    );
  }
  return <AdminReports />;
}

function AdminReports() {
  const [days, setDays] = useState<PeriodDays>(30);
  // The period ends today as of choosing it, so a re-render asks for the same days.
  const period = useMemo(() => reportPeriod(days, Date.now()), [days]);
  const [{ data, fetching, error }, reexecute] = useOrganizationReportQuery({ variables: period });
  const [refresh, recompute] = useRefreshOrganizationReportMutation();
  const report = data?.organizationReport;

  async function recomputeNow() {
    const result = await recompute(period);
    if (result.data) reexecute({ requestPolicy: 'network-only' });
  }

  return (
    <section className="reports">
      <h1>Reports</h1>
      <div className="report-controls">
        <fieldset className="segmented">
          <legend>Period</legend>
          {PERIODS.map((n) => (
            <label key={n}>
              <input type="radio" name="report-period" value={n} checked={days === n} onChange={() => setDays(n)} /> Last {n} days
            </label>
          ))}
        </fieldset>
        <div>
          <p className="muted" role="status">
            {period.from} to {period.to} (UTC).{' '}
            {report &&
              (report.aggregatedThrough
                ? `Figures computed ${formatDateTime(report.aggregatedThrough)}; today's are partial.`
                : 'Figures not computed yet.')}
          </p>
          <button type="button" onClick={() => void recomputeNow()} disabled={refresh.fetching}>
            {refresh.fetching ? 'Recomputing…' : 'Recompute now'}
          </button>
        </div>
      </div>
      {refresh.error && <ErrorNotice error={refresh.error} title="Could not recompute the figures" />}
      {error && !report ? (
        <ErrorNotice error={error} title="Could not load the report" />
      ) : !report ? (
        <p role="status" className="muted">
          {fetching ? 'Loading the report…' : ''}
        </p>
      ) : !report.aggregatedThrough ? (
        <div className="empty">
          <p>The figures have not been computed yet: they are computed every night at 00:30 UTC.</p>
          <p>Use “Recompute now” to compute them at once.</p>
        </div>
      ) : (
        <div className="report-grid">
          <ToolActivityChart report={report} />
          <ActiveUsersChart report={report} />
          <RunsChart report={report} />
          <SuggestionsChart report={report} />
          <FunnelChart report={report} />
        </div>
      )}
    </section>
  );
}
