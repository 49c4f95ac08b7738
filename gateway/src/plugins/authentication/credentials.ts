import type { Identity } from '@flowgraph/kernel';

/** What a verified credential says about the caller; the request-specific parts are added later. */
export type Credentials = Pick<Identity, 'userId' | 'orgId' | 'role' | 'scopes' | 'authMethod' | 'sessionId' | 'apiKeyId'> & {
  /**
   * For an API key bound to a client application: its name (`clients/<name>/`), whose trusted
   * documents alone the key may run. It travels in the request identity (`res.locals.identity`).
   */
  clientName?: string;
  /**
   * A person whose access token does not carry the privacy policy and terms versions in force
   * (`jwtAuthenticator`): only fields marked `@allowedBeforeConsent` answer (plugins/policy-consent).
   */
  consentRequired?: boolean;
};

/** The caller's credential is missing, malformed, expired, revoked or unknown: HTTP 401. */
export class AuthenticationError extends Error {}

/** How presented credentials are checked: the gateway's `jwtAuthenticator` and `apiKeyAuthenticator`. */
export interface CredentialVerifiers {
  /** Verifies the token of `Authorization: Bearer <token>`. */
  verifyJwt: (token: string) => Promise<Credentials>;
  /** Verifies `x-api-key`. */
  verifyApiKey: (key: string, requestId: string) => Promise<Credentials>;
}

/** A valid W3C `traceparent`; group 1 is the trace id. */
export const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Verifies what a caller presented, as an HTTP request's headers or a subscription's
 * connectionParams carry it: a bearer token or an API key (not both). `undefined` when neither
 * was presented; malformed or refused credentials throw `AuthenticationError`.
 */
export async function verifyPresented(
  presented: { authorization?: unknown; apiKey?: unknown },
  verifiers: CredentialVerifiers,
  requestId: string,
): Promise<Credentials | undefined> {
  const { authorization, apiKey } = presented;
  if (authorization !== undefined && apiKey !== undefined)
    throw new AuthenticationError('Send either a bearer token or an API key, not both');
  if (authorization !== undefined) {
    const match = typeof authorization === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization) : null;
    if (!match) throw new AuthenticationError('Authorization must be "Bearer <token>"');
    return verifiers.verifyJwt(match[1]);
  }
  if (apiKey !== undefined) {
    if (typeof apiKey !== 'string' || apiKey.length === 0 || apiKey.length > 512) throw new AuthenticationError('Malformed API key');
    return verifiers.verifyApiKey(apiKey, requestId);
  }
  return undefined;
}
