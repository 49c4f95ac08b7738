import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger } from '@flowgraph/kernel';
import { oauthProxy } from '../src/plugins/oauth-proxy';
import { requestId } from '../src/plugins/request-id';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

let upstream: http.Server;
let gateway: http.Server;
let gatewayUrl: string;
const seen: Seen[] = [];
const logger = createLogger('gateway', 'silent');

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

function mount(app: express.Express, upstreamOrigin: string) {
  const proxy = oauthProxy({ upstreamOrigin, logger, timeoutMs: 2_000 });
  app.get('/oauth/authorize/:flowId', proxy);
  app.get('/oauth/callback', proxy);
}

beforeAll(async () => {
  // Answers as the integration subgraph's OAuth routes do: a redirect that sets or clears the flow cookie.
  upstream = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (req.url?.startsWith('/oauth/authorize/gone')) {
      res.writeHead(410, { 'content-type': 'text/plain', 'x-internal': 'no' });
      res.end('This connection link was already opened.');
      return;
    }
    res.writeHead(302, {
      location: 'https://provider.example/authorize?state=s',
      'set-cookie': ['fg_oauth_1=secret; Path=/oauth; HttpOnly; SameSite=Lax', 'fg_oauth_0=; Path=/oauth; Max-Age=0'],
      'cache-control': 'no-store',
      'x-internal': 'no',
    });
    res.end();
  });
  const upstreamOrigin = await listen(upstream);
  const app = express();
  app.use(requestId());
  mount(app, upstreamOrigin);
  gateway = http.createServer(app);
  gatewayUrl = await listen(gateway);
});

afterAll(async () => {
  await new Promise((r) => gateway.close(r));
  await new Promise((r) => upstream.close(r));
});

it('passes the authorize visit with its cookie, and returns Location and every Set-Cookie', async () => {
  const response = await fetch(`${gatewayUrl}/oauth/authorize/f-1`, {
    redirect: 'manual',
    headers: { cookie: 'fg_oauth_0=old', authorization: 'Bearer someone', 'x-request-id': 'req-7' },
  });
  expect(response.status).toBe(302);
  expect(response.headers.get('location')).toBe('https://provider.example/authorize?state=s');
  expect(response.headers.getSetCookie()).toEqual([
    'fg_oauth_1=secret; Path=/oauth; HttpOnly; SameSite=Lax',
    'fg_oauth_0=; Path=/oauth; Max-Age=0',
  ]);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('x-internal')).toBeNull();
  const last = seen.at(-1)!;
  expect(last).toMatchObject({ method: 'GET', url: '/oauth/authorize/f-1' });
  expect(last.headers).toMatchObject({ cookie: 'fg_oauth_0=old', 'x-request-id': 'req-7' });
  expect(last.headers.authorization).toBeUndefined();
});

it('passes the callback’s query through unchanged', async () => {
  const response = await fetch(`${gatewayUrl}/oauth/callback?code=c%2B1&state=s-2&iss=http%3A%2F%2Fas`, { redirect: 'manual' });
  expect(response.status).toBe(302);
  expect(seen.at(-1)?.url).toBe('/oauth/callback?code=c%2B1&state=s-2&iss=http%3A%2F%2Fas');
});

it('passes a refusal back as it is', async () => {
  const response = await fetch(`${gatewayUrl}/oauth/authorize/gone`, { redirect: 'manual' });
  expect(response.status).toBe(410);
  expect(await response.text()).toBe('This connection link was already opened.');
});

it('answers 503 UNAVAILABLE when the integration subgraph cannot be reached', async () => {
  const app = express();
  app.use(requestId());
  const closed = http.createServer();
  const deadOrigin = await listen(closed);
  await new Promise((r) => closed.close(r));
  mount(app, deadOrigin);
  const server = http.createServer(app);
  const url = await listen(server);
  try {
    const response = await fetch(`${url}/oauth/callback?code=c&state=s`, { redirect: 'manual' });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
