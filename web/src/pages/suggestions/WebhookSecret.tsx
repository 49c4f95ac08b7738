import { CopyValue } from '../../ui/CopyValue';

interface WebhookSecretProps {
  titleId: string;
  secret: string;
  onContinue: () => void;
}

/** A webhook trigger's signing secret, shown once: copy it, then go on to the workflow. */
export function WebhookSecret({ titleId, secret, onContinue }: WebhookSecretProps) {
  return (
    <div>
      <h2 id={titleId}>Workflow created: copy its webhook secret</h2>
      <p>
        Requests to the workflow's webhook are signed with this secret. It is shown only now: keep it where the sender of the webhook can
        use it.
      </p>
      <CopyValue label="Webhook secret" value={secret} />
      <div className="actions">
        <button type="button" className="primary" onClick={onContinue}>
          Continue
        </button>
      </div>
    </div>
  );
}
