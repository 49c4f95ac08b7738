import type { Logger } from '@flowgraph/kernel';
import { subgraphProxy } from '../subgraph-proxy';

export interface ProviderWebhookProxyOptions {
  /** Origin of the integration subgraph's HTTP server (the origin of INTEGRATION_URL). */
  upstreamOrigin: string;
  logger: Logger;
  /** Give up on the upstream after this long. Default: 30,000 ms. */
  timeoutMs?: number;
}

/** The headers each provider signs or identifies a delivery with (docs/integrations.md), and the body's own. */
const PROVIDER_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'user-agent',
  // GitHub
  'x-hub-signature-256',
  'x-github-delivery',
  'x-github-event',
  // GitLab
  'x-gitlab-token',
  'x-gitlab-event',
  'x-gitlab-event-uuid',
  'idempotency-key',
  // Slack
  'x-slack-signature',
  'x-slack-request-timestamp',
  // Generic HMAC senders (the HTTP connector)
  'x-flowgraph-signature',
  'x-flowgraph-delivery',
  'x-flowgraph-event',
] as const;

/**
 * Express handler for `POST /webhooks/:connector/:integrationId`: streams a provider's delivery
 * to the integration subgraph byte for byte (signatures cover the raw body), with the provider's
 * own headers only. Deliveries authenticate with their signatures, not the gateway's identity.
 */
export function providerWebhookProxy(options: ProviderWebhookProxyOptions) {
  return subgraphProxy({
    ...options,
    name: 'provider webhook proxy',
    target: (req) =>
      `/webhooks/${encodeURIComponent(String(req.params.connector))}/${encodeURIComponent(String(req.params.integrationId))}`,
    requestHeaders: PROVIDER_HEADERS,
    responseHeaders: ['content-type', 'retry-after'],
  });
}
