import type { Connector, Credentials } from '../connectors/connector';
import { ProviderError } from '../connectors/provider-errors';
import type { ProviderHttp } from '../connectors/provider-http';
import type { StoredCredentials } from '../credentials/credential-store';
import type { CheckOutcome } from './health-status';

/** Errors are stored and shown to admins: capped, and never carrying a credential. */
const MAX_ERROR = 500;

/** Every secret string in stored credentials (tokens, API key values). */
function secretsOf(stored: StoredCredentials | null): string[] {
  if (!stored) return [];
  const values = stored.kind === 'oauth2' ? [stored.accessToken, stored.refreshToken ?? ''] : Object.values(stored.values);
  // Short values (a region, a bucket name) are not secrets worth hiding and would mangle messages.
  return values.filter((v) => v.length >= 8);
}

/** The message with any credential value replaced, in case a provider echoed one back. */
export function redact(message: string, stored: StoredCredentials | null): string {
  let safe = message;
  for (const secret of secretsOf(stored)) safe = safe.split(secret).join('[redacted]');
  return safe.length > MAX_ERROR ? `${safe.slice(0, MAX_ERROR - 1)}…` : safe;
}

/** Credentials as a connector sees them: the access token only, never the refresh token. */
export function connectorCredentials(stored: StoredCredentials | null): Credentials {
  if (!stored) return { kind: 'none' };
  return stored.kind === 'oauth2' ? { kind: 'oauth2', accessToken: stored.accessToken } : stored;
}

/**
 * Calls the connector's health check once, under `timeoutMs` (an unanswered check is an outage,
 * even where a client ignores the abort signal), and says what happened.
 */
export async function probe(
  connector: Connector,
  http: ProviderHttp,
  stored: StoredCredentials | null,
  timeoutMs: number,
): Promise<Extract<CheckOutcome, { kind: 'answered' | 'failed' }>> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () =>
      reject(new ProviderError('unavailable', `${connector.displayName} did not answer the health check within ${timeoutMs} ms`)),
    ),
  );
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    await Promise.race([connector.healthCheck({ credentials: connectorCredentials(stored), http, signal }), timedOut]);
    return { kind: 'answered', durationMs: elapsed() };
  } catch (error) {
    const durationMs = elapsed();
    if (error instanceof ProviderError) return { kind: 'failed', failure: error.failure, error: redact(error.message, stored), durationMs };
    // The abort reached the client first (it throws the signal's reason), or the connector broke: an outage either way.
    const message = signal.aborted
      ? `${connector.displayName} did not answer the health check within ${timeoutMs} ms`
      : `${connector.displayName} health check failed: ${error instanceof Error ? error.message : String(error)}`;
    return { kind: 'failed', failure: 'unavailable', error: redact(message, stored), durationMs };
  }
}
