import {
  AuthenticationError,
  TRACEPARENT,
  verifyPresented,
  type CredentialVerifiers,
  type Credentials,
} from '../authentication/credentials';

export type { CredentialVerifiers } from '../authentication/credentials';

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
export async function connectionCredentials(
  params: Record<string, unknown> | undefined,
  verifiers: CredentialVerifiers,
  requestId: string,
): Promise<Credentials> {
  const presented = await verifyPresented(
    { authorization: param(params ?? {}, 'authorization'), apiKey: param(params ?? {}, 'x-api-key') },
    verifiers,
    requestId,
  );
  if (presented) return presented;
  throw new AuthenticationError('Subscriptions need credentials');
}

/** A valid W3C `traceparent` in connectionParams (as the HTTP header would carry it), and its trace id. */
export function traceOf(params: Record<string, unknown> | undefined): { traceparent?: string; traceId?: string } {
  const traceparent = param(params ?? {}, 'traceparent');
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  return match ? { traceparent, traceId: match[1] } : {};
}
