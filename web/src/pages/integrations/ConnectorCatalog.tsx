import { useNavigate } from 'react-router';
import { useConnectorsQuery } from '../../generated/graphql';
import { QueryState } from '../../ui/QueryState';
import { AUTH_KIND_LABEL } from './integration-labels';

/** Every connector with what it can do; admins start connecting one from its card. */
export function ConnectorCatalog({ canConnect }: { canConnect: boolean }) {
  const [{ data, fetching, error }] = useConnectorsQuery();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="catalog-heading">
      <h2 id="catalog-heading">Connectors</h2>
      <QueryState
        fetching={fetching}
        error={error}
        data={data}
        isEmpty={(d) => d.connectors.length === 0}
        empty="No connectors are available."
        label="Loading connectors"
      >
        {({ connectors }) => (
          <ul className="cards connector-cards">
            {connectors.map((connector) => (
              <li key={connector.id} className="card connector-card">
                <h3>{connector.displayName}</h3>
                <p className="muted">
                  {AUTH_KIND_LABEL[connector.authKind]} · {connector.rateLimit.requests} calls per {connector.rateLimit.perSeconds} s
                </p>
                <details>
                  <summary>
                    {connector.actions.length} {connector.actions.length === 1 ? 'action' : 'actions'}
                    {connector.webhookEventTypes.length > 0 && `, ${connector.webhookEventTypes.length} webhook events`}
                  </summary>
                  <ul className="connector-actions">
                    {connector.actions.map((action) => (
                      <li key={action.name}>
                        <code>{action.name}</code>: {action.description}
                      </li>
                    ))}
                  </ul>
                  {connector.webhookEventTypes.length > 0 && (
                    <p className="muted">Webhook events: {connector.webhookEventTypes.join(', ')}</p>
                  )}
                </details>
                {canConnect && (
                  <button type="button" onClick={() => navigate(`/integrations/connect/${connector.id}`)}>
                    Connect {connector.displayName}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
