/**
 * bench/gateway/fetcher.ts: the cost of one subgraph call in the gateway process, by fetcher:
 * `RemoteGraphQLDataSource` with Apollo's default (make-fetch-happen), with Node's built-in
 * fetch (undici behind the WHATWG API), and with ours (`httpFetcher`: an undici keep-alive pool,
 * what signed-identity uses). The "subgraph" is a plain HTTP
 * server in a child process answering a fixed 4 KB GraphQL JSON body, so the gateway side is all
 * that differs. Run: `npx tsx bench/gateway/fetcher.ts`. Prints JSON lines; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { httpFetcher } from '@flowgraph/gateway/testing';
import { percentile, print, round } from './bench-kit';

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

// A subgraph-like answer: 40 entities of ~100 bytes.
const SERVER = `
const body = JSON.stringify({ data: { _entities: Array.from({ length: 40 }, (_, i) => ({ __typename: 'User', id: 'u' + i, name: 'Member ' + i, email: 'member' + i + '@bench.test' })) } });
require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }); })
  .listen(0, '127.0.0.1', function () { console.log('ready ' + this.address().port); });`;

async function measure(name: string, source: RemoteGraphQLDataSource) {
  const request = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name email } } }',
    variables: { r: [{ __typename: 'User', id: 'u1' }] },
  };
  // A health-check kind needs no incoming request context; the fetch path is the same.
  const call = () =>
    source.process({
      kind: 'health check',
      request: { ...request, http: { method: 'POST', url: source.url!, headers: new Headers() } },
      context: {},
    } as unknown as GraphQLDataSourceProcessOptions);
  for (let i = 0; i < 1000; i++) await call(); // warm-up: JIT and sockets
  const times: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) {
        const t = performance.now();
        await call();
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  print({
    bench: 'subgraph fetch',
    fetcher: name,
    calls: CALLS,
    concurrency: CONCURRENCY,
    callsPerSecond: Math.round(CALLS / seconds),
    p50Ms: round(percentile(times, 50), 2),
    p95Ms: round(percentile(times, 95), 2),
    // This process only (the server is another): what the gateway spends per subgraph call.
    cpuUsPerCall: Math.round((used.user + used.system) / CALLS),
  });
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) =>
    server.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split(' ')[1])),
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    for (let round = 0; round < 2; round++) {
      await measure('apollo default (make-fetch-happen)', new RemoteGraphQLDataSource({ url }));
      await measure('ours: httpFetcher (undici keep-alive pool)', new RemoteGraphQLDataSource({ url, fetcher: httpFetcher() }));
      await measure(
        'node built-in fetch (undici)',
        new RemoteGraphQLDataSource({
          url,
          fetcher: ((u: string, init: RequestInit) => fetch(u, init)) as unknown as RemoteGraphQLDataSource['fetcher'],
        }),
      );
    }
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
