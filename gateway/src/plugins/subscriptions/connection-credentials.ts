import { AuthenticationError, type Credentials } from '../authentication/credentials';

export interface CredentialVerifiers {
  /** Verifies a bearer access token (the gateway's `jwtAuthenticator`). */
  verifyJwt: (token: string) => Promise<Credentials>;
  /** Verifies an API key (the gateway's `apiKeyAuthenticator`). */
  verifyApiKey: (key: string, requestId: string) => Promise<Credentials>;
}

/** Reads a parameter at the top of connectionParams or under `headers`, case-insensitively. */
function param(params: Record<string, unknown>, name: string): string | undefined {
  const headers = params.headers && typeof params.headers === 'object' ? (params.headers as Record<string, unknown>) : {};
  for (const source of [params, headers]) {
    for (const [key, value] of Object.entries(source)) if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The caller behind a subscription connection, from `connectionParams` as HTTP requests carry
 * them in headers: `authorization: "Bearer <token>"` or `x-api-key`. Subscriptions are never
 * anonymous: no credentials, both, or bad ones throw `AuthenticationError` (closed with 4403).
 */
export async function connectionCredentials(params: Record<string, unknown> | undefined, verifiers: CredentialVerifiers, requestId: string): Promise<Credentials> {
  const authorization = param(params ?? {}, 'authorization');
  const apiKey = param(params ?? {}, 'x-api-key');
  if (authorization !== undefined && apiKey !== undefined) throw new AuthenticationError('Send either a bearer token or an API key, not both');
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization);
    if (!match) throw new AuthenticationError('Authorization must be "Bearer <token>"');
    return verifiers.verifyJwt(match[1]);
  }
  if (apiKey !== undefined) {
    if (apiKey.length === 0 || apiKey.length > 512) throw new AuthenticationError('Malformed API key');
    return verifiers.verifyApiKey(apiKey, requestId);
  }
  throw new AuthenticationError('Subscriptions need credentials');
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A valid W3C `traceparent` in connectionParams (as the HTTP header would carry it), and its trace id. */
export function traceOf(params: Record<string, unknown> | undefined): { traceparent?: string; traceId?: string } {
  const traceparent = param(params ?? {}, 'traceparent');
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  return match ? { traceparent, traceId: match[1] } : {};
}
