import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { forbidden, unauthenticated } from './errors';

/** Roles in an organization, weakest first. */
export const roles = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

/**
 * Who is calling, as established once by the gateway and forwarded to subgraphs in signed
 * headers. Anonymous callers (signing up, logging in) have no userId.
 */
/**
 * The identity one Flowgraph process signs to call another's internal route, acting in an
 * organization for a user (a workflow's owner, an integration's owner): a member, with no scopes.
 */
export function serviceIdentity(scope: { orgId: string; userId: string }): Identity {
  return { requestId: randomUUID(), orgId: scope.orgId, userId: scope.userId, role: 'member', scopes: [], authMethod: 'service' };
}

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
/** A signed identity older than this is refused: a captured header is only good for a moment. */
export const IDENTITY_MAX_AGE_MS = 30_000;
/** How far ahead of the verifier's clock a stamp may be (clock skew between hosts). */
export const IDENTITY_MAX_SKEW_MS = 5_000;

/**
 * The call a signature is bound to, so a captured header cannot be replayed on another one:
 * `target` is the URL called (or its path), of which the path and query are signed; `body` the
 * exact bytes sent (none for a GET or a WebSocket upgrade).
 */
export interface SignedCall {
  method: string;
  target: string | URL;
  body?: string | Uint8Array;
}

const EMPTY_BODY_DIGEST = createHash('sha256').digest('base64url');

/** What the MAC covers: the stamp (time and identity), then the method, path and body digest. */
function signedText(stamped: string, call: SignedCall): string {
  const url = typeof call.target === 'string' ? new URL(call.target, 'http://_') : call.target;
  const digest =
    call.body === undefined || call.body.length === 0 ? EMPTY_BODY_DIGEST : createHash('sha256').update(call.body).digest('base64url');
  return `${stamped}\n${call.method.toUpperCase()}\n${url.pathname}${url.search}\n${digest}`;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/**
 * Headers carrying `identity` for one `call`, signed with `secret`: HMAC-SHA256 over the time,
 * the identity, and the call's method, path and sha256 of its body.
 */
export function signIdentity(identity: Identity, secret: string, call: SignedCall, now = Date.now()): Record<string, string> {
  return signEncodedIdentity(encodeIdentity(identity), secret, call, now);
}

/** The identity as the signed header carries it (base64url of its JSON). */
export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

/** `signIdentity` for an identity `encodeIdentity` already encoded: one encoding for many calls of one request. */
export function signEncodedIdentity(encoded: string, secret: string, call: SignedCall, now = Date.now()): Record<string, string> {
  const stamped = `${now}.${encoded}`;
  return { [IDENTITY_HEADER]: stamped, [IDENTITY_SIGNATURE_HEADER]: mac(secret, signedText(stamped, call)) };
}

export class IdentityError extends Error {}

/**
 * Verifies the headers `signIdentity` wrote for `call` (the one received); throws IdentityError
 * when they are missing or forged, were signed for another call, or are stamped outside
 * [now - IDENTITY_MAX_AGE_MS, now + IDENTITY_MAX_SKEW_MS].
 */
export function verifyIdentity(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  call: SignedCall,
  now = Date.now(),
): Identity {
  const stamped = headers[IDENTITY_HEADER];
  const signature = headers[IDENTITY_SIGNATURE_HEADER];
  if (typeof stamped !== 'string' || typeof signature !== 'string') {
    throw new IdentityError('missing signed identity');
  }
  const expected = Buffer.from(mac(secret, signedText(stamped, call)));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new IdentityError('bad identity signature');
  }
  const dot = stamped.indexOf('.');
  const issuedAt = Number(stamped.slice(0, dot));
  if (!Number.isFinite(issuedAt) || now - issuedAt > IDENTITY_MAX_AGE_MS || issuedAt - now > IDENTITY_MAX_SKEW_MS) {
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
