/**
 * Gateway (b): a bare `@apollo/gateway` + `@apollo/server` (standalone server), defaults only,
 * except what the subgraphs require: a `RemoteGraphQLDataSource` whose default fetcher is wrapped
 * to sign the bench caller's identity over each call's body (fixed: no JWT to verify, so it does
 * less work than ours).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { callerFromEnv, signedHeadersFor } from '../bench-kit';

const caller = callerFromEnv();

class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(config: { url: string }) {
    super(config);
    const fetcher = this.fetcher;
    // The signature covers the body, which exists only once Apollo has serialized the call.
    this.fetcher = (url, init = {}) => {
      const call = { method: init.method ?? 'GET', target: url, body: init.body as string | undefined };
      return fetcher(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...signedHeadersFor(caller, call) } });
    };
  }
}

async function main(): Promise<void> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.BENCH_SUPERGRAPH!, 'utf8'),
    buildService: ({ url }) => new SignedDataSource({ url: url! }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  console.log(`ready http://127.0.0.1:${new URL(url).port}/graphql`);
  process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
