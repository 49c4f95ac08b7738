import { useSearchParams } from 'react-router';
import { oauthOutcome } from './integration-labels';

/** Where the gateway's OAuth callback lands (`?status=connected|failed&reason=`): says how it went. */
export function OAuthOutcome({ name }: { name?: string }) {
  const outcome = oauthOutcome(useSearchParams()[0]);
  if (!outcome) return null;
  return outcome.ok ? (
    <div role="status" className="notice notice-ok">
      <strong>Connected</strong>
      <p>{name ?? 'The tool'} is connected: workflow steps can use it now.</p>
    </div>
  ) : (
    <div role="alert" className="notice notice-error">
      <strong>The connection failed</strong>
      <p>{outcome.reason} Connect again to retry.</p>
    </div>
  );
}
