import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { RefreshSessionDocument, persistedDocumentIds } from '../generated/graphql';
import type { SessionStore } from './session-store';

/** Operations sent without the Authorization header: a refresh presents its own token instead. */
const ANONYMOUS = new Set(['RefreshSession']);

function operationName(query: { definitions: readonly { kind: string; name?: { value: string } }[] }): string | undefined {
  return query.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value;
}

export interface GraphClient {
  client: Client;
  /** The graphql-ws connection: closed on sign-out so the next one carries the new credentials. */
  ws: WsClient;
}

/**
 * The one urql client of the app, on the gateway's `/graphql` (same origin): queries and
 * mutations over HTTP, subscriptions over graphql-ws. Production builds send only operation ids
 * from the web client's trusted-document manifest (`persistedDocumentIds`); the dev server sends
 * whole documents, which the gateway accepts outside production.
 */
export function createGraphClient(store: SessionStore, options: { persisted?: boolean } = {}): GraphClient {
  const persisted = options.persisted ?? import.meta.env.PROD;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    // Each (re)connect presents the current token, refreshed first when it is about to expire.
    connectionParams: async () => {
      const session = store.accessTokenFresh() ? store.current : await store.refresh(refreshWith(client));
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
    retryAttempts: Infinity,
    shouldRetry: () => store.current !== null,
  });
  const exchanges: Exchange[] = [
    cacheExchange,
    authExchange(async (utils) => ({
      addAuthToOperation(operation) {
        const session = store.current;
        if (!session || ANONYMOUS.has(operationName(operation.query) ?? '')) return operation;
        return utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` });
      },
      willAuthError(operation) {
        return store.current !== null && !store.accessTokenFresh() && !ANONYMOUS.has(operationName(operation.query) ?? '');
      },
      didAuthError(error) {
        return error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      },
      async refreshAuth() {
        await store.refresh(async (refreshToken) => {
          const result = await utils.mutate(RefreshSessionDocument, { refreshToken });
          return result.data?.refreshSession ?? null;
        });
      },
    })),
  ];
  if (persisted) {
    exchanges.push(
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        enableForSubscriptions: true,
        async generateHash(_query, document) {
          const name = operationName(document);
          return name ? (persistedDocumentIds as Record<string, string>)[name] : undefined;
        },
      }),
    );
  }
  exchanges.push(
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
      }),
    }),
  );
  const client = new Client({
    url: '/graphql',
    exchanges,
    // Persisted queries go as GET; CSRF prevention asks such requests to name a preflighted header.
    fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
    preferGetMethod: false,
  });
  return { client, ws };
}

/** A refresh through a plain mutation on `client` (no Authorization header: see ANONYMOUS). */
function refreshWith(client: Client) {
  return async (refreshToken: string) => {
    const result = await client.mutation(RefreshSessionDocument, { refreshToken }).toPromise();
    return result.data?.refreshSession ?? null;
  };
}
