import { useState } from 'react';

interface WebhookSecretProps {
  titleId: string;
  secret: string;
  onContinue: () => void;
}

/** A webhook trigger's signing secret, shown once: copy it, then go on to the workflow. */
export function WebhookSecret({ titleId, secret, onContinue }: WebhookSecretProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div>
      <h2 id={titleId}>Workflow created: copy its webhook secret</h2>
      <p>
        Requests to the workflow's webhook are signed with this secret. It is shown only now: keep it where the sender of the webhook can
        use it.
      </p>
      <p className="secret">
        <code aria-label="Webhook secret">{secret}</code>
      </p>
      <p role="status" className="muted">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Could not copy: select the secret and copy it.' : ''}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void copy()} autoFocus>
          Copy secret
        </button>
        <button type="button" className="primary" onClick={onContinue}>
          Continue
        </button>
      </div>
    </div>
  );
}
