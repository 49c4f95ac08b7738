import { InvalidAccessToken, revokedSessionKey, verifyAccessToken, type Redis } from '@flowgraph/kernel';
import { AuthenticationError, type Credentials } from '../authentication/credentials';

export interface JwtAuthOptions {
  /** HS256 key shared with Core, which issues the tokens (`JWT_SECRET`). Required. */
  secret: string;
  /** Where Core marks revoked sessions. Required: every token is checked (one EXISTS). */
  redis: Pick<Redis, 'exists'>;
  /** Prefix of the revocation keys (`REDIS_PREFIX`). Required. */
  redisPrefix: string;
}

/**
 * Verifies a bearer access token: signature, issuer, audience, expiry (kernel
 * `verifyAccessToken`), then refuses it when Core has marked its session revoked in Redis, so
 * logging out takes effect immediately rather than when the token expires.
 * A Redis failure is not an authentication failure: it propagates (the request fails with 500).
 */
export function jwtAuthenticator(options: JwtAuthOptions): (token: string) => Promise<Credentials> {
  return async (token) => {
    let claims;
    try {
      claims = await verifyAccessToken(token, options.secret);
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw new AuthenticationError(`Invalid access token (${error.message})`);
      throw error;
    }
    if ((await options.redis.exists(revokedSessionKey(options.redisPrefix, claims.sessionId))) > 0) {
      throw new AuthenticationError('Session revoked');
    }
    return { authMethod: 'jwt', userId: claims.userId, orgId: claims.orgId, role: claims.role, sessionId: claims.sessionId, scopes: [] };
  };
}
