import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export interface HttpCachingOptions {
  /**
   * Largest `max-age` announced in `Cache-Control`, whatever the hints say, so browsers and CDNs
   * hold nothing longer than the gateway's own cache (which invalidation reaches). Default: 60 (seconds).
   */
  maxAgeSeconds?: number;
  /**
   * Request headers a cached answer depends on, added to `Vary` so a browser or CDN never hands
   * one caller's answer to another. Default: `authorization`, `x-api-key`.
   */
  vary?: readonly string[];
}

/** Request headers an answer for a caller depends on: what `Vary` names unless told otherwise. */
export const CREDENTIAL_HEADERS = ['authorization', 'x-api-key'] as const;

/** True when `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(etag));
}

/**
 * HTTP caching. `Cache-Control` comes from the federated cache policy (Apollo Server's cache-control
 * plugin writes `max-age=N, public|private` or `no-store`); this caps its max-age. GET requests
 * (queries by id or `?query=`) also get a weak ETag (sha256 of the result), `304 Not Modified`
 * when `If-None-Match` names it, and `Vary` on the credentials. POST answers get no ETag: HTTP
 * caches do not reuse them.
 */
export function httpCaching<TContext extends BaseContext>(options: HttpCachingOptions = {}): ApolloServerPlugin<TContext> {
  const maxAge = options.maxAgeSeconds ?? 60;
  const vary = (options.vary ?? CREDENTIAL_HEADERS).join(', ');
  return {
    async requestDidStart({ request }) {
      const isGet = request.http?.method === 'GET';
      return {
        async executionDidStart({ overallCachePolicy }) {
          return {
            // After the subgraph fetches restricted the policy, before Cache-Control is written.
            async executionDidEnd() {
              if (overallCachePolicy.maxAge !== undefined && overallCachePolicy.maxAge > maxAge) overallCachePolicy.restrict({ maxAge });
            },
          };
        },
        async willSendResponse({ response }) {
          if (!isGet) return;
          const headers = response.http.headers;
          const existing = headers.get('vary');
          headers.set('vary', existing ? `${existing}, ${vary}` : vary);
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          // Weak: the tag names the result, not the exact bytes (serialisation happens later).
          const etag = `W/"${createHash('sha256').update(JSON.stringify(response.body.singleResult)).digest('base64url')}"`;
          headers.set('etag', etag);
          const ifNoneMatch = request.http?.headers.get('if-none-match');
          // Express sends a 304 without the body (and keeps Cache-Control and ETag).
          if (ifNoneMatch && etagMatches(ifNoneMatch, etag)) response.http.status = 304;
        },
      };
    },
  };
}
