import { Client, cacheExchange, fetchExchange, subscriptionExchange, type Exchange } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { persistedDocumentIds } from '../generated/graphql';
import { consentExchange } from './consent-exchange';
import { freshSession, refreshOverHttp } from './fresh-session';
import type { SessionStore } from './session-store';

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
export function createGraphClient(store: SessionStore, options: { persisted?: boolean; onConsentRequired?: () => void } = {}): GraphClient {
  const persisted = options.persisted ?? import.meta.env.PROD;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    // Each (re)connect presents the current token, refreshed first when it is about to expire.
    connectionParams: async () => {
      const session = await freshSession(store);
      return session ? { authorization: `Bearer ${session.accessToken}` } : {};
    },
    retryAttempts: Infinity,
    shouldRetry: () => store.current !== null,
  });
  const exchanges: Exchange[] = [
    consentExchange(() => options.onConsentRequired?.()),
    cacheExchange,
    authExchange(async (utils) => ({
      addAuthToOperation(operation) {
        const session = store.current;
        if (!session) return operation;
        return utils.appendHeaders(operation, { authorization: `Bearer ${session.accessToken}` });
      },
      willAuthError() {
        return store.current !== null && !store.accessTokenFresh();
      },
      didAuthError(error) {
        return error.response?.status === 401 || error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
      },
      async refreshAuth() {
        await store.refresh(refreshOverHttp);
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
