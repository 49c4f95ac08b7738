import { InvalidAccessToken, revokedSessionKey, verifyAccessToken, withTimeout, type Redis } from '@flowgraph/kernel';
import { AuthenticationError, type Credentials } from '../authentication/credentials';

export interface JwtAuthOptions {
  /** HS256 key shared with Core, which issues the tokens (`JWT_SECRET`). Required. */
  secret: string;
  /** Where Core marks revoked sessions. Required: every token is checked (one EXISTS). */
  redis: Pick<Redis, 'exists'>;
  /** Prefix of the revocation keys (`REDIS_PREFIX`). Required. */
  redisPrefix: string;
  /**
   * The revocation check fails after this many ms (as the rate limiter and response cache bound
   * theirs), so a Redis outage answers 503 at once instead of holding every signed-in request
   * while ioredis reconnects. Default 500.
   */
  redisTimeoutMs?: number;
}

/**
 * Verifies a bearer access token: signature, issuer, audience, expiry (kernel
 * `verifyAccessToken`), then refuses it when Core has marked its session revoked in Redis, so
 * logging out takes effect immediately rather than when the token expires.
 * A Redis failure or timeout is not an authentication failure: it propagates (the request fails
 * with 503 UNAVAILABLE).
 */
export function jwtAuthenticator(options: JwtAuthOptions): (token: string) => Promise<Credentials> {
  const timeoutMs = options.redisTimeoutMs ?? 500;
  return async (token) => {
    let claims;
    try {
      claims = await verifyAccessToken(token, options.secret);
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw new AuthenticationError(`Invalid access token (${error.message})`);
      throw error;
    }
    const revoked = options.redis.exists(revokedSessionKey(options.redisPrefix, claims.sessionId));
    if ((await withTimeout(revoked, timeoutMs, 'session revocation check')) > 0) {
      throw new AuthenticationError('Session revoked');
    }
    return { authMethod: 'jwt', userId: claims.userId, orgId: claims.orgId, role: claims.role, sessionId: claims.sessionId, scopes: [] };
  };
}
