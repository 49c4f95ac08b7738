import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { roles, type Role } from './identity';

/**
 * The access token Core issues and the gateway verifies: HS256, short-lived, naming the user,
 * the organization they act in, their role there and the session it belongs to.
 */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'flowgraph';
const AUDIENCE = 'flowgraph';

export interface AccessClaims {
  userId: string;
  orgId: string;
  role: Role;
  sessionId: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(
  claims: AccessClaims,
  secret: string,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ org: claims.orgId, role: claims.role, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

export class InvalidAccessToken extends Error {}

/** Verifies signature, issuer, audience and expiry; throws InvalidAccessToken otherwise. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const { sub, org, role, sid } = payload as { sub?: unknown; org?: unknown; role?: unknown; sid?: unknown };
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string' || !roles.includes(role as Role)) {
      throw new InvalidAccessToken('malformed claims');
    }
    return { userId: sub, orgId: org, role: role as Role, sessionId: sid };
  } catch (error) {
    if (error instanceof InvalidAccessToken) throw error;
    if (error instanceof joseErrors.JOSEError) throw new InvalidAccessToken(error.code);
    throw error;
  }
}

/**
 * Redis key marking a revoked session until its last access token expires; Core sets it on
 * logOut/revokeSession/reuse detection, the gateway refuses tokens of marked sessions.
 */
export function revokedSessionKey(redisPrefix: string, sessionId: string): string {
  return `${redisPrefix}:revoked-session:${sessionId}`;
}
