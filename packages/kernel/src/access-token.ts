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
  /**
   * What the user has agreed to, as a label the issuer and verifier compare (opaque here); absent
   * when they have agreed to nothing yet.
   */
  consent?: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

export async function signAccessToken(
  claims: AccessClaims,
  secret: string,
  ttlSeconds = ACCESS_TOKEN_TTL_SECONDS,
): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({
    org: claims.orgId,
    role: claims.role,
    sid: claims.sessionId,
    ...(claims.consent === undefined ? {} : { cns: claims.consent }),
  })
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

/** A verified access token's claims, and when it stops being valid (absent: the token carries no `exp`). */
export interface VerifiedAccessClaims extends AccessClaims {
  /** Epoch ms: from then on the token is refused as expired. */
  expiresAtMs?: number;
}

/** Verifies signature, issuer, audience and expiry; throws InvalidAccessToken otherwise. */
export async function verifyAccessToken(token: string, secret: string): Promise<VerifiedAccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    const { sub, org, role, sid, cns } = payload as { sub?: unknown; org?: unknown; role?: unknown; sid?: unknown; cns?: unknown };
    if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string' || !roles.includes(role as Role)) {
      throw new InvalidAccessToken('malformed claims');
    }
    if (cns !== undefined && typeof cns !== 'string') throw new InvalidAccessToken('malformed claims');
    const claims: VerifiedAccessClaims = { userId: sub, orgId: org, role: role as Role, sessionId: sid };
    if (cns !== undefined) claims.consent = cns;
    // jose refuses a token once the clock reaches `exp` seconds.
    if (typeof payload.exp === 'number') claims.expiresAtMs = payload.exp * 1000;
    return claims;
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

/** The value of a `grantedRoleKey` once the user has left the organization. */
export const NO_ROLE = 'none';

/**
 * Redis key holding the role a user holds in an organization (or `NO_ROLE`) since it last
 * changed, kept as long as an access token issued before the change could live. Core sets it
 * on every role change, removal and (re)addition; the gateway refuses a token whose role claim
 * differs. No key means no change within a token's lifetime, so every unexpired token's role is
 * still current: an expired key can neither let a stale token through nor lock anyone out.
 */
export function grantedRoleKey(redisPrefix: string, orgId: string, userId: string): string {
  return `${redisPrefix}:granted-role:${orgId}:${userId}`;
}

/**
 * Redis pub/sub channel on which Core announces, after commit, that a user's access changed
 * (sessions revoked, role changed, removed): gateways then check that user's open subscriptions
 * again and forget the verified API keys they created. Messages are `AccessChangedMessage` JSON.
 */
export function accessChangedChannel(redisPrefix: string): string {
  return `${redisPrefix}:access-changed`;
}

export interface AccessChangedMessage {
  userId: string;
  /** The organization concerned; absent when all of the user's sessions may be affected. */
  orgId?: string;
}
