import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@flowgraph/kernel';
import { SignedIdentityDataSource } from '../src/plugins/signed-identity';
import { httpFetcher } from '../src/plugins/signed-identity/http-fetcher';

/**
 * The subgraph fetcher the gateway uses instead of Apollo's default: what RemoteGraphQLDataSource
 * reads must come through, sockets must be reused, and a silent subgraph must not hang a request.
 */
let server: http.Server;
let url: string;
const connections: unknown[] = [];
let lastRequest: { method?: string; headers: http.IncomingHttpHeaders; body: string } | undefined;
/** `/cut`: how many of the next requests have their connection cut before any answer; and how many arrived. */
let cutsLeft = 0;
let cutArrivals = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      lastRequest = { method: req.method, headers: req.headers, body };
      if (req.url === '/silent') return; // never answers
      // Plays a server closing a kept-alive socket just as it is reused: the second request on a socket is cut.
      if (req.url === '/closes-reused') {
        const count = ((req.socket as unknown as { served?: number }).served ?? 0) + 1;
        (req.socket as unknown as { served?: number }).served = count;
        if (count > 1 || req.headers['x-cut-first'] === 'yes') {
          req.socket.destroy();
          return;
        }
      }
      if (req.url === '/cut') {
        cutArrivals += 1;
        if (cutsLeft > 0) {
          cutsLeft -= 1;
          req.socket.destroy();
          return;
        }
      }
      if (req.url === '/refused') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('bad identity signature');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=30, public' })
        .end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
    });
  });
  server.on('connection', (socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('sends method, headers and body, and answers with status, headers and the parsed body', async () => {
  const fetcher = httpFetcher();
  const response = await fetcher(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-flowgraph-identity': 'signed' },
    body: '{"query":"{ me { id } }"}',
  });
  expect(lastRequest).toMatchObject({
    method: 'POST',
    headers: { 'x-flowgraph-identity': 'signed', 'content-type': 'application/json' },
    body: '{"query":"{ me { id } }"}',
  });
  expect(response.ok).toBe(true);
  expect(response.status).toBe(200);
  expect(response.headers.get('Content-Type')).toBe('application/json');
  expect(response.headers.get('cache-control')).toBe('max-age=30, public');
  expect(await response.json()).toEqual({ data: { echo: { query: '{ me { id } }' } } });
});

it('reports a non-2xx answer with its status and text, for the data source to turn into an error', async () => {
  const response = await httpFetcher()(`${url}/refused`, { method: 'POST', body: '{}' });
  expect(response.ok).toBe(false);
  expect(response.status).toBe(401);
  expect(await response.text()).toBe('bad identity signature');
});

it('keeps connections alive: sequential calls reuse their sockets', async () => {
  const fetcher = httpFetcher();
  const before = connections.length;
  for (let i = 0; i < 20; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
  // undici may open a second connection when a call is dispatched just before the previous one
  // is released (a POST is never pipelined); after that, the two are reused.
  expect(connections.length - before).toBeLessThanOrEqual(2);
});

it('fails a call the subgraph does not answer within the timeout', async () => {
  const started = Date.now();
  await expect(httpFetcher({ timeoutMs: 200 })(`${url}/silent`, { method: 'POST', body: '{}' })).rejects.toThrow(
    /did not answer within 200 ms/,
  );
  expect(Date.now() - started).toBeLessThan(2000);
});

it('sends a call once: a connection cut before the answer fails it (the data source decides on sending again)', async () => {
  cutsLeft = 1;
  cutArrivals = 0;
  await expect(httpFetcher()(`${url}/cut`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
    code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/),
  });
  expect(cutArrivals).toBe(1);
});

describe('SignedIdentityDataSource', () => {
  const source = () =>
    new SignedIdentityDataSource({
      url: `${url}/cut`,
      name: 'core',
      identitySecret: 'x'.repeat(32),
      logger: createLogger('test', 'silent'),
    });
  const call = (query: string) =>
    source().process({ kind: 'health check', request: { query }, context: {} } as unknown as Parameters<
      SignedIdentityDataSource['process']
    >[0]);

  it('sends a query once more when its connection is cut before the answer', async () => {
    cutsLeft = 1;
    cutArrivals = 0;
    const response = await call('query Q__core__0 { me { id } }');
    expect(response.data).toEqual({ echo: { query: 'query Q__core__0 { me { id } }' } });
    expect(cutArrivals).toBe(2);
  });

  it('sends a query at most twice', async () => {
    cutsLeft = 2;
    cutArrivals = 0;
    await expect(call('{ me { id } }')).rejects.toMatchObject({ code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/) });
    expect(cutArrivals).toBe(2);
  });

  it('never sends a mutation again: it may have run', async () => {
    cutsLeft = 1;
    cutArrivals = 0;
    await expect(call('mutation M__core__0 { logOut }')).rejects.toMatchObject({
      code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET)$/),
    });
    expect(cutArrivals).toBe(1);
  });
});
