/**
 * Gateway (b): a bare `@apollo/gateway` + `@apollo/server` (standalone server), defaults only,
 * except what the subgraphs require: a `RemoteGraphQLDataSource` whose `willSendRequest` signs
 * the bench caller's identity (fixed: no JWT to verify, so it does less work than ours).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { callerFromEnv, signedHeadersFor } from '../bench-kit';

const caller = callerFromEnv();

class SignedDataSource extends RemoteGraphQLDataSource {
  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    for (const [name, value] of Object.entries(signedHeadersFor(caller))) request.http!.headers.set(name, value);
  }
}

async function main(): Promise<void> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(process.env.BENCH_SUPERGRAPH!, 'utf8'),
    buildService: ({ url }) => new SignedDataSource({ url }),
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
