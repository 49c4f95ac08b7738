import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { IntegrationsDocument, type IntegrationProvider, type IntegrationStatus, type IntegrationsQuery } from '../../generated/graphql';
import { LoadMore } from '../../ui/LoadMore';
import { QueryState } from '../../ui/QueryState';
import { formatRelative } from '../../ui/format';
import { usePagedConnection } from '../../ui/usePagedConnection';
import { HealthBadge } from './HealthBadge';
import { STATUS_LABEL } from './integration-labels';
import { TableScroll } from '../../ui/TableScroll';

const PROVIDERS: IntegrationProvider[] = ['GITHUB', 'GITLAB', 'SLACK', 'TEAMS', 'GOOGLE_DRIVE', 'DROPBOX', 'S3', 'HTTP'];
const STATUSES: IntegrationStatus[] = ['CONNECTED', 'PENDING', 'DISCONNECTED'];
const connectionOf = (data: IntegrationsQuery) => data.integrations;

/** The organization's connections, newest first, filtered by connector and status. */
export function IntegrationList() {
  const [connector, setConnector] = useState<IntegrationProvider | ''>('');
  const [status, setStatus] = useState<IntegrationStatus | ''>('');
  const variables = useMemo(() => ({ connector: connector || null, status: status || null, first: 25 }), [connector, status]);
  const page = usePagedConnection(IntegrationsDocument, variables, connectionOf);
  const filtered = connector !== '' || status !== '';

  return (
    <section aria-labelledby="connections-heading">
      <h2 id="connections-heading">Your connections</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="integration-connector">Connector</label>
          <select
            id="integration-connector"
            value={connector}
            onChange={(event) => setConnector(event.target.value as IntegrationProvider | '')}
          >
            <option value="">All</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="integration-status">Status</label>
          <select id="integration-status" value={status} onChange={(event) => setStatus(event.target.value as IntegrationStatus | '')}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <QueryState
        fetching={page.fetching}
        error={page.error}
        data={page.data}
        isEmpty={() => page.nodes.length === 0}
        empty={filtered ? 'No connection matches these filters.' : 'No tools connected yet: connect one from the catalog below.'}
        label="Loading connections"
      >
        {() => (
          <TableScroll label={'Integrations'}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Connector</th>
                  <th scope="col">Status</th>
                  <th scope="col">Health</th>
                  <th scope="col">Checked</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map((integration) => (
                  <tr key={integration.id}>
                    <td>
                      <Link to={`/integrations/${integration.id}`}>{integration.displayName}</Link>
                    </td>
                    <td>{integration.connector.displayName}</td>
                    <td>{STATUS_LABEL[integration.status]}</td>
                    <td>
                      <HealthBadge health={integration.health} />
                    </td>
                    <td>{formatRelative(integration.healthCheckedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </QueryState>
      <LoadMore page={page} />
    </section>
  );
}
