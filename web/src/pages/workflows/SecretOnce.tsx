import { CopyValue } from '../../ui/CopyValue';

interface SecretOnceProps {
  /** Where deliveries go, shown beside the secret when known. */
  url?: string;
  secret: string;
  onDone: () => void;
}

/** A webhook signing secret, shown the one time the server returns it, with copy buttons. */
export function SecretOnce({ url, secret, onDone }: SecretOnceProps) {
  return (
    <div role="alert" className="notice notice-warning secret-once">
      <strong>Copy the signing secret now: it will not be shown again.</strong>
      <p>Sign each delivery with it (docs/workflows.md, Webhooks). If it is lost, add a new webhook trigger and remove this one.</p>
      {url && <CopyValue label="Webhook URL" value={url} />}
      <CopyValue label="Signing secret" value={secret} />
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}
