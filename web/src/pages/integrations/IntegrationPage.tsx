import { useParams, Link } from 'react-router';
import { useIntegrationDetailQuery } from '../../generated/graphql';
import { useSession } from '../../session/SessionProvider';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDateTime } from '../../ui/format';
import { HealthBadge } from './HealthBadge';
import { HealthHistory } from './HealthHistory';
import { DisconnectIntegration, TestIntegration } from './IntegrationActions';
import { OAuthOutcome } from './OAuthOutcome';
import { WebhookReveal } from './WebhookReveal';
import { INTEGRATION_CACHE, isAdmin, STATUS_LABEL, takesWebhooks } from './integration-labels';

/** Route `:id`: one connection's status and health, and what an admin can do with it. */
export default function IntegrationPage() {
  const id = useParams().id!;
  const [{ data, fetching, error }] = useIntegrationDetailQuery({ variables: { id }, context: INTEGRATION_CACHE });
  const { session } = useSession();
  const integration = data?.integration;
  if (!integration) {
    if (error) return <ErrorNotice error={error} title="Could not load the integration" />;
    if (data && !fetching)
      return (
        <section>
          <h1>Integration not found</h1>
          <OAuthOutcome />
          <p>
            <Link to="/integrations">Back to integrations</Link>
          </p>
        </section>
      );
    return (
      <p role="status" className="muted">
        Loading the integration…
      </p>
    );
  }
  const admin = isAdmin(session?.role);
  const connected = integration.status === 'CONNECTED';

  return (
    <section className="integration">
      <p>
        <Link to="/integrations">← Integrations</Link>
      </p>
      <h1>{integration.displayName}</h1>
      <OAuthOutcome name={integration.displayName} />
      {error && <ErrorNotice error={error} />}
      <dl className="facts">
        <dt>Connector</dt>
        <dd>{integration.connector.displayName}</dd>
        <dt>Status</dt>
        <dd data-testid="integration-status">{STATUS_LABEL[integration.status]}</dd>
        <dt>Health</dt>
        <dd>
          <HealthBadge health={integration.health} />
          {integration.healthError && <span className="cell-error"> {integration.healthError}</span>}
        </dd>
        <dt>Last checked</dt>
        <dd>{formatDateTime(integration.healthCheckedAt)}</dd>
        <dt>Connected by</dt>
        <dd>{integration.owner.name}</dd>
        <dt>Connected</dt>
        <dd>{formatDateTime(integration.createdAt)}</dd>
        {integration.disconnectedAt && (
          <>
            <dt>Disconnected</dt>
            <dd>{formatDateTime(integration.disconnectedAt)}</dd>
          </>
        )}
      </dl>
      {integration.status === 'PENDING' && (
        <p className="notice">
          Waiting for consent at {integration.connector.displayName}. If you left that page, connect again from the catalog.
        </p>
      )}
      {admin && connected && <TestIntegration id={integration.id} />}
      <HealthHistory checks={integration.healthHistory} />
      {admin && connected && takesWebhooks(integration.connector) && <WebhookReveal id={integration.id} />}
      {admin && integration.status !== 'DISCONNECTED' && <DisconnectIntegration integration={integration} />}
    </section>
  );
}
