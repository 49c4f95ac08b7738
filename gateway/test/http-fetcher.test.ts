import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpFetcher } from '../src/plugins/signed-identity/http-fetcher';

/**
 * The subgraph fetcher the gateway uses instead of Apollo's default: what RemoteGraphQLDataSource
 * reads must come through, sockets must be reused, and a silent subgraph must not hang a request.
 */
let server: http.Server;
let url: string;
const connections: unknown[] = [];
let lastRequest: { method?: string; headers: http.IncomingHttpHeaders; body: string } | undefined;

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
      if (req.url === '/refused') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('bad identity signature');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=30, public' }).end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
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
  const response = await fetcher(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-flowgraph-identity': 'signed' }, body: '{"query":"{ me { id } }"}' });
  expect(lastRequest).toMatchObject({ method: 'POST', headers: { 'x-flowgraph-identity': 'signed', 'content-type': 'application/json' }, body: '{"query":"{ me { id } }"}' });
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

it('keeps connections alive: sequential calls reuse one socket', async () => {
  const fetcher = httpFetcher();
  const before = connections.length;
  for (let i = 0; i < 5; i++) await (await fetcher(`${url}/graphql`, { method: 'POST', body: '{}' })).text();
  expect(connections.length - before).toBe(1);
});

it('fails a call the subgraph does not answer within the timeout', async () => {
  const started = Date.now();
  await expect(httpFetcher({ timeoutMs: 200 })(`${url}/silent`, { method: 'POST', body: '{}' })).rejects.toThrow(/did not answer within 200 ms/);
  expect(Date.now() - started).toBeLessThan(2000);
});

it('sends again, on a new socket, a call whose kept-alive socket the subgraph closed', async () => {
  const fetcher = httpFetcher();
  await (await fetcher(`${url}/closes-reused`, { method: 'POST', body: '{}' })).text();
  const before = connections.length;
  const response = await fetcher(`${url}/closes-reused`, { method: 'POST', body: '{"n":2}' });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { echo: { n: 2 } } });
  expect(connections.length - before).toBe(1); // the reused socket was cut; one new one answered
});

it('does not send again a call cut on a new socket (the subgraph may have run it)', async () => {
  await expect(httpFetcher()(`${url}/closes-reused`, { method: 'POST', headers: { 'x-cut-first': 'yes' }, body: '{}' })).rejects.toMatchObject({ code: 'ECONNRESET' });
});
