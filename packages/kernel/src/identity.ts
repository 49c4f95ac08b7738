import { createHmac, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from './errors';

/** Roles in an organization, weakest first. */
export const roles = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

/**
 * Who is calling, as established once by the gateway and forwarded to subgraphs in signed
 * headers. Anonymous callers (signing up, logging in) have no userId.
 */
export interface Identity {
  requestId: string;
  traceId?: string;
  userId?: string;
  orgId?: string;
  role?: Role;
  scopes: string[];
  /** `service`: a Flowgraph process acting for an organization (a workflow step), signed like the gateway. */
  authMethod: 'jwt' | 'api_key' | 'anonymous' | 'service';
  sessionId?: string;
  apiKeyId?: string;
  ip?: string;
  userAgent?: string;
}

export const IDENTITY_HEADER = 'x-flowgraph-identity';
export const IDENTITY_SIGNATURE_HEADER = 'x-flowgraph-signature';
/** A signed identity older than this is refused, so a captured header cannot be replayed later. */
export const IDENTITY_MAX_AGE_MS = 5 * 60 * 1000;

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** Headers carrying `identity`, signed with `secret` (HMAC-SHA256 over timestamp and payload). */
export function signIdentity(identity: Identity, secret: string, now = Date.now()): Record<string, string> {
  const payload = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const stamped = `${now}.${payload}`;
  return { [IDENTITY_HEADER]: stamped, [IDENTITY_SIGNATURE_HEADER]: mac(secret, stamped) };
}

export class IdentityError extends Error {}

/** Verifies the headers `signIdentity` wrote; throws IdentityError when they are missing, forged or stale. */
export function verifyIdentity(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  now = Date.now(),
): Identity {
  const stamped = headers[IDENTITY_HEADER];
  const signature = headers[IDENTITY_SIGNATURE_HEADER];
  if (typeof stamped !== 'string' || typeof signature !== 'string') {
    throw new IdentityError('missing signed identity');
  }
  const expected = Buffer.from(mac(secret, stamped));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new IdentityError('bad identity signature');
  }
  const dot = stamped.indexOf('.');
  const issuedAt = Number(stamped.slice(0, dot));
  if (!Number.isFinite(issuedAt) || Math.abs(now - issuedAt) > IDENTITY_MAX_AGE_MS) {
    throw new IdentityError('stale identity');
  }
  return JSON.parse(Buffer.from(stamped.slice(dot + 1), 'base64url').toString('utf8')) as Identity;
}

export interface AuthenticatedIdentity extends Identity {
  userId: string;
}
export interface MemberIdentity extends AuthenticatedIdentity {
  orgId: string;
  role: Role;
}

export function requireUser(identity: Identity): AuthenticatedIdentity {
  if (!identity.userId) throw unauthenticated();
  return identity as AuthenticatedIdentity;
}

/** The caller must act in an organization with at least `minimum` role (and `scope`, for API keys). */
export function requireRole(identity: Identity, minimum: Role, scope?: string): MemberIdentity {
  const user = requireUser(identity);
  if (!user.orgId || !user.role) throw forbidden('No organization selected');
  if (roles.indexOf(user.role) < roles.indexOf(minimum)) {
    throw forbidden(`Requires the ${minimum} role`);
  }
  if (scope && user.authMethod === 'api_key' && !user.scopes.includes(scope)) {
    throw forbidden(`API key lacks the ${scope} scope`);
  }
  return user as MemberIdentity;
}

export function hasRole(identity: Identity, minimum: Role): boolean {
  return !!identity.role && roles.indexOf(identity.role) >= roles.indexOf(minimum);
}
