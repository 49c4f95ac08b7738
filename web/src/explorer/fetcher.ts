import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { freshSession } from '../session/fresh-session';
import type { SessionStore } from '../session/session-store';

export interface ExplorerFetcher {
  fetcher: Fetcher;
  /** The graphql-ws connection, closed when the explorer unmounts or the user changes. */
  ws: WsClient;
}

/** Thrown when no session is left to send (signed out in another tab, or the refresh was refused). */
export class SignedOutError extends Error {
  constructor() {
    super('Signed out: sign in again to run operations.');
  }
}

async function bearer(store: SessionStore): Promise<string> {
  const session = await freshSession(store);
  if (!session) throw new SignedOutError();
  return `Bearer ${session.accessToken}`;
}

/** `fetch` with the session's access token (fresh); an Authorization header typed into GraphiQL's header editor wins. */
export function authorizedFetch(store: SessionStore): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', await bearer(store));
    return fetch(input, { ...init, headers });
  };
}

/**
 * GraphiQL's fetcher on this origin's `/graphql`, as the signed-in user: every HTTP request and
 * every WebSocket (re)connect presents the current access token, refreshed first when it is
 * about to expire (the app's SessionStore, so tabs never replay a refresh token). The token is
 * read per request rather than given as static `headers`/`wsConnectionParams`, which would go
 * stale after 15 minutes; the WebSocket is our own graphql-ws client for the same reason (the
 * toolkit's `subscriptionUrl` opens a new, never-closed client per subscription).
 * `apollo-require-preflight` passes the gateway's CSRF prevention.
 */
export function createExplorerFetcher(store: SessionStore): ExplorerFetcher {
  const ws = createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    lazy: true,
    connectionParams: async () => ({ authorization: await bearer(store) }),
    shouldRetry: () => store.current !== null,
  });
  const fetcher = createGraphiQLFetcher({
    url: '/graphql',
    headers: { 'apollo-require-preflight': 'true' },
    fetch: authorizedFetch(store),
    wsClient: ws,
  });
  return { fetcher, ws };
}
