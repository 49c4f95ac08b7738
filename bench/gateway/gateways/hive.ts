/**
 * Gateway (c): `@graphql-hive/gateway` (its runtime, `createGatewayRuntime`) on a node:http
 * server with the same supergraph file. The subgraphs require the signed identity: an `onFetch`
 * plugin adds the bench caller's, signed over each subgraph call's body.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { callerFromEnv, signedHeadersFor } from '../bench-kit';

const caller = callerFromEnv();

async function main(): Promise<void> {
  const gateway = createGatewayRuntime({
    supergraph: process.env.BENCH_SUPERGRAPH!,
    logging: 'error',
    plugins: () => [
      {
        onFetch({ url, options, setOptions }) {
          const call = { method: options.method ?? 'GET', target: url, body: options.body as string | undefined };
          setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), ...signedHeadersFor(caller, call) } });
        },
      },
    ],
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(`ready http://127.0.0.1:${port}/graphql`);
  process.once('SIGTERM', () => {
    server.close();
    void Promise.resolve(gateway.dispose()).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
