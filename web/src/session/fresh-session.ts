import { print } from 'graphql';
import { RefreshSessionDocument, persistedDocumentIds } from '../generated/graphql';
import type { Session, SessionStore } from './session-store';

/**
 * `refreshSession` as one plain POST on `/graphql`: the one way the app and the API explorer
 * refresh (through `SessionStore.refresh`, one tab at a time). Production builds send the
 * operation's id; no Authorization header: a refresh presents its own token. Resolves null only
 * when the server refuses the token (the session is over); an outage or a rate limit throws, and
 * the session is kept for the next try.
 */
export async function refreshOverHttp(refreshToken: string): Promise<Session | null> {
  const operation = import.meta.env.PROD
    ? { documentId: `sha256:${persistedDocumentIds.RefreshSession}` }
    : { query: print(RefreshSessionDocument) };
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
    body: JSON.stringify({ ...operation, operationName: 'RefreshSession', variables: { refreshToken } }),
  });
  // An unavailable or busy server is not a refused token: throw, and keep the session for the next try.
  if (response.status >= 500 || response.status === 429) throw new Error(`Refreshing the session failed (HTTP ${response.status})`);
  const body = (await response.json()) as { data?: { refreshSession?: Session | null } | null };
  return body.data?.refreshSession ?? null;
}

/** The stored session when its access token is fresh; else refreshed through `store.refresh` (one tab at a time). */
export async function freshSession(store: SessionStore): Promise<Session | null> {
  return store.accessTokenFresh() ? store.current : store.refresh(refreshOverHttp);
}
