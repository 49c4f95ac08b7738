import type { ConnectorAuthKind, IntegrationHealthStatus, IntegrationProvider, IntegrationStatus } from '../../generated/graphql';

export const AUTH_KIND_LABEL: Record<ConnectorAuthKind, string> = {
  OAUTH2: 'OAuth (sign in at the provider)',
  API_KEY: 'API key',
  NONE: 'No authorization',
};

export const STATUS_LABEL: Record<IntegrationStatus, string> = {
  PENDING: 'Pending consent',
  CONNECTED: 'Connected',
  DISCONNECTED: 'Disconnected',
};

export const HEALTH_TONE: Record<IntegrationHealthStatus, string> = {
  HEALTHY: 'badge-ok',
  DEGRADED: 'badge-warn',
  FAILING: 'badge-error',
  DISCONNECTED: '',
};

/** Admins connect, test, disconnect and read webhook secrets; members and viewers read. */
export const isAdmin = (role: string | undefined) => role === 'OWNER' || role === 'ADMIN';

/**
 * Whether the provider sends webhooks Flowgraph records: those naming their event types, and the
 * generic HTTP connector, whose senders name their own (so it lists none).
 */
export const takesWebhooks = (connector: { id: IntegrationProvider; webhookEventTypes: string[] }) =>
  connector.webhookEventTypes.length > 0 || connector.id === 'HTTP';

/** Why an OAuth connection failed, from the callback's `reason` (decision 0024; never the provider's own text). */
const FAILURE_REASONS: Record<string, string> = {
  invalid_state: 'The link back from the provider was not recognised, or was already used.',
  browser_mismatch: 'The connection was finished in another browser than the one that started it.',
  expired: 'The connection was not completed within 10 minutes.',
  provider_denied: 'Access was not granted at the provider.',
  invalid_response: 'The provider answered in a way Flowgraph could not use.',
  exchange_failed: 'The provider did not hand over access.',
  not_pending: 'This connection was already completed or disconnected.',
};

/** The outcome of an OAuth connection the gateway's callback redirected to (`?status=&reason=`), if any. */
export function oauthOutcome(search: URLSearchParams): { ok: true } | { ok: false; reason: string } | null {
  const status = search.get('status');
  if (status === 'connected') return { ok: true };
  if (status !== 'failed') return null;
  const reason = search.get('reason') ?? '';
  return { ok: false, reason: FAILURE_REASONS[reason] ?? 'The connection could not be completed.' };
}

/**
 * urql context tying the integration queries to the mutations that change an integration:
 * persisted answers carry no `__typename`, so the cache is told which type they hold.
 */
export const INTEGRATION_CACHE = { additionalTypenames: ['Integration'] };
