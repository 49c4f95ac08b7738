import { createHash } from 'node:crypto';
import {
  InvalidAccessToken,
  grantedRoleKey,
  revokedSessionKey,
  verifyAccessToken,
  withTimeout,
  type AccessClaims,
  type Redis,
} from '@flowgraph/kernel';
import { AuthenticationError, type Credentials } from '../authentication/credentials';

export interface JwtAuthOptions {
  /** HS256 key shared with Core, which issues the tokens (`JWT_SECRET`). Required. */
  secret: string;
  /** Where Core marks revoked sessions and changed roles. Required: every token is checked (one MGET). */
  redis: Pick<Redis, 'mget'>;
  /** Prefix of the revocation keys (`REDIS_PREFIX`). Required. */
  redisPrefix: string;
  /**
   * The revocation check fails after this many ms (as the rate limiter and response cache bound
   * theirs), so a Redis outage answers 503 at once instead of holding every signed-in request
   * while ioredis reconnects. Default 500.
   */
  redisTimeoutMs?: number;
  /** Verified tokens remembered (until they expire) so their signature is checked once. Default 10 000; 0: none. */
  maxVerifiedTokens?: number;
  /**
   * The `consent` claim of a token whose holder has accepted the privacy policy and terms in force
   * (contracts `consentLabel`). A token without it is let through marked `consentRequired`
   * (plugins/policy-consent then refuses what is not allowed before consent). Default: none
   * published, nobody is marked.
   */
  currentConsent?: string;
  /** Injected for tests. Default: `Date.now`. */
  now?: () => number;
}

/**
 * Verifies a bearer access token: signature, issuer, audience, expiry (kernel
 * `verifyAccessToken`), then, in one Redis round trip, refuses it when Core has marked its
 * session revoked or when the role it carries is no longer the user's role in its organization
 * (changed or removed since it was issued). Logging out, a role change and a removal take
 * effect at the next request rather than when the token expires; after a role change the
 * client refreshes and gets a token with the current role. A token whose `consent` claim is not
 * `currentConsent` is marked `consentRequired` (no lookup: the token says what was accepted).
 * A token's verified claims are remembered until it expires (a token cannot change, and clients
 * send the same one for up to 15 minutes); the Redis check is made on every request all the same.
 * A Redis failure or timeout is not an authentication failure: it propagates (the request fails
 * with 503 UNAVAILABLE).
 */
export function jwtAuthenticator(options: JwtAuthOptions): (token: string) => Promise<Credentials> {
  const timeoutMs = options.redisTimeoutMs ?? 500;
  const maxVerified = options.maxVerifiedTokens ?? 10_000;
  const now = options.now ?? Date.now;
  // Keyed by sha256 of the token, as API keys are: the tokens themselves are not kept.
  const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  async function claimsOf(token: string): Promise<AccessClaims> {
    const hash = createHash('sha256').update(token).digest('base64url');
    const known = verified.get(hash);
    if (known && known.expiresAtMs > now()) return known.claims;
    verified.delete(hash);
    let claims;
    try {
      claims = await verifyAccessToken(token, options.secret);
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw new AuthenticationError(`Invalid access token (${error.message})`);
      throw error;
    }
    const { expiresAtMs, ...rest } = claims;
    if (expiresAtMs !== undefined && maxVerified > 0) {
      if (verified.size >= maxVerified) verified.delete(verified.keys().next().value as string);
      verified.set(hash, { claims: rest, expiresAtMs });
    }
    return rest;
  }

  return async (token) => {
    const claims = await claimsOf(token);
    const keys = options.redis.mget(
      revokedSessionKey(options.redisPrefix, claims.sessionId),
      grantedRoleKey(options.redisPrefix, claims.orgId, claims.userId),
    );
    const [revoked, grantedRole] = await withTimeout(keys, timeoutMs, 'session and role check');
    if (revoked !== null) throw new AuthenticationError('Session revoked');
    if (grantedRole !== null && grantedRole !== claims.role) throw new AuthenticationError('Membership changed since the token was issued');
    const credentials: Credentials = {
      authMethod: 'jwt',
      userId: claims.userId,
      orgId: claims.orgId,
      role: claims.role,
      sessionId: claims.sessionId,
      scopes: [],
    };
    if (options.currentConsent !== undefined && claims.consent !== options.currentConsent) credentials.consentRequired = true;
    return credentials;
  };
}
