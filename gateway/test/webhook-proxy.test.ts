import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createLogger } from '@flowgraph/kernel';
import { requestId } from '../src/plugins/request-id';
import { webhookProxy } from '../src/plugins/webhook-proxy';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<Record<string, any>> => (await response.json()) as Record<string, any>;

interface Seen {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let upstream: http.Server;
let gateway: http.Server;
let gatewayUrl: string;
const seen: Seen[] = [];

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(req.url?.includes('missing') ? 404 : 202, { 'content-type': 'application/json', 'set-cookie': 'x=1' });
      res.end(JSON.stringify({ executionId: 'e-1' }));
    });
  });
  const upstreamOrigin = await listen(upstream);
  const app = express();
  app.use(requestId());
  app.post('/webhooks/:triggerId', webhookProxy({ upstreamOrigin, logger: createLogger('gateway', 'silent') }));
  gateway = http.createServer(app);
  gatewayUrl = await listen(gateway);
});

afterAll(async () => {
  await new Promise((r) => gateway.close(r));
  await new Promise((r) => upstream.close(r));
});

it('streams the raw body and the webhook headers through unchanged, and only those', async () => {
  // Odd spacing and key order: a re-serialised body would break the sender's signature.
  const body = '{ "b":1,  "a" : [2, 3] }\n';
  const response = await fetch(`${gatewayUrl}/webhooks/abc-123`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-flowgraph-signature': 't=1,v1=ff',
      'x-flowgraph-delivery': 'd-1',
      authorization: 'Bearer secret',
      cookie: 'session=1',
      'x-request-id': 'req-42',
    },
    body,
  });
  expect(response.status).toBe(202);
  expect(await json(response)).toEqual({ executionId: 'e-1' });
  expect(response.headers.get('set-cookie')).toBeNull();
  const last = seen.at(-1)!;
  expect(last.url).toBe('/webhooks/abc-123');
  expect(last.body.toString()).toBe(body);
  expect(last.headers).toMatchObject({ 'x-flowgraph-signature': 't=1,v1=ff', 'x-flowgraph-delivery': 'd-1', 'x-request-id': 'req-42' });
  expect(last.headers.authorization).toBeUndefined();
  expect(last.headers.cookie).toBeUndefined();
});

it('passes the receiver’s status back', async () => {
  const response = await fetch(`${gatewayUrl}/webhooks/missing`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(404);
});

it('answers 503 UNAVAILABLE with Retry-After when the workflow subgraph cannot be reached', async () => {
  const closed = http.createServer();
  const origin = await listen(closed);
  await new Promise((r) => closed.close(r));
  const app = express();
  app.post('/webhooks/:triggerId', webhookProxy({ upstreamOrigin: origin, logger: createLogger('gateway', 'silent') }));
  const server = http.createServer(app);
  const url = await listen(server);
  const response = await fetch(`${url}/webhooks/x`, { method: 'POST', body: '{}' });
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  expect((await json(response)).error).toMatchObject({ code: 'UNAVAILABLE', retryAfter: 5 });
  await new Promise((r) => server.close(r));
});
