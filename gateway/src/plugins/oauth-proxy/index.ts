import type { Logger } from '@flowgraph/kernel';
import { subgraphProxy } from '../subgraph-proxy';

export interface OAuthProxyOptions {
  /** Origin of the integration subgraph's HTTP server (the origin of INTEGRATION_URL). */
  upstreamOrigin: string;
  logger: Logger;
  /** Give up on the upstream after this long (the callback exchanges a code with the provider). Default: 30,000 ms. */
  timeoutMs?: number;
}

/**
 * Express handler for the browser's two OAuth visits, `GET /oauth/authorize/:flowId` and `GET
 * /oauth/callback?code&state` (mount it on exactly those), passed to the integration subgraph.
 * They carry no Authorization header: the flow's cookie (forwarded) and single-use state
 * authenticate them, and the answer is a redirect that may set or clear that cookie (Location
 * and Set-Cookie returned).
 */
export function oauthProxy(options: OAuthProxyOptions) {
  return subgraphProxy({
    ...options,
    name: 'oauth proxy',
    target: (req) => {
      if (req.params.flowId !== undefined) return `/oauth/authorize/${encodeURIComponent(String(req.params.flowId))}`;
      const query = req.originalUrl.indexOf('?');
      return `/oauth/callback${query >= 0 ? req.originalUrl.slice(query) : ''}`;
    },
    requestHeaders: ['cookie', 'user-agent', 'accept', 'accept-language'],
    responseHeaders: ['content-type', 'location', 'set-cookie', 'cache-control', 'referrer-policy', 'retry-after'],
  });
}
