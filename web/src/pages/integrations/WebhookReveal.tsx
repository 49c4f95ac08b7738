import { useRevealIntegrationWebhookMutation } from '../../generated/graphql';
import { ErrorNotice } from '../../ui/ErrorNotice';

/** The URL and signing secret to configure at the provider, shown on request (the reveal is audited). */
export function WebhookReveal({ id }: { id: string }) {
  const [{ data, fetching, error }, reveal] = useRevealIntegrationWebhookMutation();
  const webhook = data?.revealIntegrationWebhook;
  return (
    <section aria-labelledby="webhook-heading">
      <h2 id="webhook-heading">Webhook</h2>
      <p className="muted">Give the provider this URL and secret so its events reach Flowgraph.</p>
      {webhook ? (
        <dl className="facts secret">
          <dt>URL</dt>
          <dd>
            <code>{webhook.url}</code>
          </dd>
          <dt>Signing secret</dt>
          <dd>
            <code>{webhook.secret}</code>
          </dd>
        </dl>
      ) : (
        <button type="button" onClick={() => void reveal({ id })} disabled={fetching}>
          {fetching ? 'Revealing…' : 'Reveal webhook URL and secret'}
        </button>
      )}
      {error && <ErrorNotice error={error} title="Could not reveal the webhook" />}
    </section>
  );
}
