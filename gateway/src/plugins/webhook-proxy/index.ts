import type { Logger } from '@flowgraph/kernel';
import { subgraphProxy } from '../subgraph-proxy';

export interface WebhookProxyOptions {
  /** Origin of the workflow subgraph's HTTP server (the origin of WORKFLOW_URL). */
  upstreamOrigin: string;
  logger: Logger;
  /** Give up on the upstream after this long. Default: 30,000 ms. */
  timeoutMs?: number;
}

/**
 * Express handler for `POST /webhooks/:triggerId`: streams the request to the workflow subgraph
 * byte for byte (the signature covers the raw body, so it is never parsed here) and streams the
 * answer back. Webhooks are authenticated by their own HMAC, not by the gateway's identity.
 */
export function webhookProxy(options: WebhookProxyOptions) {
  return subgraphProxy({
    ...options,
    name: 'webhook proxy',
    target: (req) => `/webhooks/${encodeURIComponent(String(req.params.triggerId))}`,
    requestHeaders: ['content-type', 'content-length', 'content-encoding', 'user-agent', 'x-flowgraph-signature', 'x-flowgraph-delivery'],
    responseHeaders: ['content-type', 'retry-after'],
  });
}
