import { useDisconnectIntegrationMutation, useTestIntegrationMutation } from '../../generated/graphql';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatDuration } from '../../ui/format';
import { INTEGRATION_CACHE } from './integration-labels';

/** "Test now": a health check against the provider, its verdict announced (the history refreshes with it). */
export function TestIntegration({ id }: { id: string }) {
  const [{ data, fetching, error }, test] = useTestIntegrationMutation();
  const check = data?.testIntegration.check;
  return (
    <div className="actions">
      <button type="button" onClick={() => void test({ id }, INTEGRATION_CACHE)} disabled={fetching}>
        {fetching ? 'Testing…' : 'Test now'}
      </button>
      <p role="status" aria-live="polite" className="muted">
        {check &&
          `Check: ${check.status}${check.durationMs !== null ? ` in ${formatDuration(check.durationMs)}` : ''}${check.error ? ` (${check.error})` : ''}`}
      </p>
      {error && <ErrorNotice error={error} title="Could not test" />}
    </div>
  );
}

/** Disconnect, after saying what it breaks: the grant is revoked and its credentials removed. */
export function DisconnectIntegration({ integration }: { integration: { id: string; displayName: string } }) {
  const [{ fetching, error }, disconnect] = useDisconnectIntegrationMutation();
  return (
    <section aria-labelledby="disconnect-heading" className="danger-zone">
      <h2 id="disconnect-heading">Disconnect</h2>
      <ConfirmButton
        label={fetching ? 'Disconnecting…' : `Disconnect ${integration.displayName}`}
        danger
        disabled={fetching}
        question={`Disconnect ${integration.displayName}? Its access is revoked and its credentials removed; workflow steps using it fail until it is connected again.`}
        confirmLabel="Yes, disconnect"
        onConfirm={() => void disconnect({ id: integration.id }, INTEGRATION_CACHE)}
      />
      {error && <ErrorNotice error={error} title="Could not disconnect" />}
    </section>
  );
}
