import { createHash, randomUUID } from 'node:crypto';
import { apiKeyVerifyResponse } from '@flowgraph/contracts';
import { InternalCallError, internalClient, unavailable } from '@flowgraph/kernel';
import { AuthenticationError, type Credentials } from '../authentication/credentials';

/** Revocation delay ceiling: a revoked key keeps working on a gateway for at most this long. */
export const MAX_API_KEY_CACHE_TTL_MS = 30_000;

export interface ApiKeyAuthOptions {
  /** Core's internal endpoint, e.g. `http://127.0.0.1:4001/internal/api-keys/verify`. Required. */
  verifyUrl: string;
  /** Signs the anonymous identity Core requires on internal calls (`IDENTITY_SECRET`). Required. */
  identitySecret: string;
  /** How long a successful verification is reused. Default and maximum: 30 000 ms. 0 disables. */
  cacheTtlMs?: number;
  /** Cached verifications kept at most; the oldest is dropped first. Default: 10 000. */
  maxCacheEntries?: number;
  /** Time Core has to answer before the request fails (503 UNAVAILABLE, not 401). Default: 2 000 ms. */
  timeoutMs?: number;
  /** Injected for tests. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Injected for tests. Default: `Date.now`. */
  now?: () => number;
}

export interface ApiKeyAuthenticator {
  verify(key: string, requestId?: string): Promise<Credentials>;
  /** Forgets every cached verification. */
  clear(): void;
  /**
   * Forgets the cached verifications of keys created by `userId` (in `orgId`, when given): Core
   * announced that their access changed, so those keys are asked about again at their next use.
   */
  forgetCreator(userId: string, orgId?: string): void;
}

/**
 * Verifies `x-api-key` by asking Core (which owns the keys and their hashes). Successful answers
 * are cached in memory, keyed by sha256(key) so raw keys are never held; failures are not cached,
 * so a new key works at once. Consequence: a revoked key is refused by a gateway only after its
 * cached entry expires, at most `cacheTtlMs` (30 s) later.
 */
export function apiKeyAuthenticator(options: ApiKeyAuthOptions): ApiKeyAuthenticator {
  const ttl = options.cacheTtlMs ?? MAX_API_KEY_CACHE_TTL_MS;
  if (ttl < 0 || ttl > MAX_API_KEY_CACHE_TTL_MS) throw new RangeError(`cacheTtlMs must be 0..${MAX_API_KEY_CACHE_TTL_MS}`);
  const maxEntries = options.maxCacheEntries ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { credentials: Credentials; expiresAt: number }>();

  // The gateway instruments no fetch: the client writes the trace context, so Core's check joins the request's trace.
  const core = internalClient({
    name: 'Core',
    origin: options.verifyUrl,
    identitySecret: options.identitySecret,
    timeoutMs,
    injectTraceContext: true,
    fetch: doFetch,
  });

  async function askCore(key: string, requestId: string): Promise<Credentials> {
    let verified;
    try {
      verified = await core.call({
        method: 'POST',
        path: options.verifyUrl,
        body: { key },
        identity: { requestId, scopes: [], authMethod: 'anonymous' },
        response: apiKeyVerifyResponse,
      });
    } catch (error) {
      if (!(error instanceof InternalCallError)) throw error;
      if (error.status === 401) throw new AuthenticationError('Invalid API key');
      // Core (or its database) out for now: the caller may retry.
      if (error.unreachable) throw unavailable();
      throw new Error(`API key verification answered ${error.status}`, { cause: error });
    }
    const credentials: Credentials = {
      authMethod: 'api_key',
      apiKeyId: verified.apiKeyId,
      userId: verified.userId,
      orgId: verified.orgId,
      role: verified.role,
      scopes: verified.scopes,
    };
    if (verified.clientName) credentials.clientName = verified.clientName;
    return credentials;
  }

  return {
    async verify(key, requestId = randomUUID()) {
      const hash = createHash('sha256').update(key).digest('hex');
      const cached = cache.get(hash);
      if (cached && cached.expiresAt > now()) return cached.credentials;
      cache.delete(hash);
      const credentials = await askCore(key, requestId);
      if (ttl > 0) {
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
        cache.set(hash, { credentials, expiresAt: now() + ttl });
      }
      return credentials;
    },
    clear: () => cache.clear(),
    forgetCreator(userId, orgId) {
      for (const [hash, { credentials }] of cache) {
        if (credentials.userId === userId && (orgId === undefined || credentials.orgId === orgId)) cache.delete(hash);
      }
    },
  };
}
