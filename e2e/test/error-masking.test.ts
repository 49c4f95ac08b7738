import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { loadConfig } from '@flowgraph/kernel';
import { bearer, closedUrl, post, startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;
const admin = { userId: randomUUID(), orgId: randomUUID(), role: 'admin' as const, sessionId: randomUUID() };

beforeAll(async () => {
  // Analytics is down in this file: its calls fail inside the gateway.
  federation = await startFederation({ ANALYTICS_URL: await closedUrl() });
});

afterAll(async () => {
  await federation.stop();
});

it('reports a subgraph it cannot reach as UNAVAILABLE (HTTP 503), without its address', async () => {
  const response = await post(federation.gateway.url, `query { pattern(id: "${randomUUID()}") { id } }`, {}, await bearer(admin));
  // The field is null, the error says "retry later" and carries the request id.
  expect(response.status).toBe(503);
  expect(response.data).toEqual({ pattern: null });
  expect(response.errors).toEqual([
    expect.objectContaining({
      message: 'Service temporarily unavailable, retry later',
      extensions: { code: 'UNAVAILABLE', retryAfter: 5, request_id: response.headers.get('x-request-id') },
    }),
  ]);
  expect(response.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|fetch/i);
});

it('passes a subgraph’s masked internal error on with the same request id', async () => {
  // Take the app role's read grant away in this test's database: the workflow subgraph's query
  // then fails in Postgres, an unexpected error there.
  const owner = new Client({ connectionString: federation.db.ownerUrl });
  await owner.connect();
  await owner.query(`revoke select on workflow.workflows from ${loadConfig().DATABASE_APP_ROLE}`);
  try {
    const response = await post(
      federation.gateway.url,
      `query { workflow(id: "${randomUUID()}") { id } }`,
      {},
      { ...(await bearer(admin)), 'x-request-id': 'trace-me-1' },
    );
    expect(response.errors).toEqual([
      { message: 'Internal server error', path: ['workflow'], extensions: { code: 'INTERNAL', masked: true, request_id: 'trace-me-1' } },
    ]);
    expect(response.text).not.toMatch(/permission|denied|postgres|workflows/i);
  } finally {
    await owner.query(`grant select on workflow.workflows to ${loadConfig().DATABASE_APP_ROLE}`);
    await owner.end();
  }
});

it('passes catalog errors through with their code, details and request id, without the subgraph’s name', async () => {
  const response = await post(
    federation.gateway.url,
    'mutation { connectIntegration(input: { provider: HTTP, displayName: "  " }) { integration { id } } }',
    {},
    await bearer(admin),
  );
  expect(response.errors?.[0]?.extensions).toEqual({
    code: 'VALIDATION_ERROR',
    details: [{ field: 'displayName', message: 'Must be 1 to 100 characters' }],
    request_id: response.headers.get('x-request-id'),
  });
  const forbidden = await post(
    federation.gateway.url,
    'mutation { createWorkflow(input: { name: "x" }) { workflow { id } } }',
    {},
    await bearer({ ...admin, role: 'member' }),
  );
  expect(forbidden.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', request_id: forbidden.headers.get('x-request-id') });
});

it('reports GraphQL validation errors of the operation as VALIDATION_ERROR', async () => {
  const response = await post(federation.gateway.url, '{ noSuchField }', {}, {});
  expect(response.status).toBe(400);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', request_id: response.headers.get('x-request-id') });
});

it('answers a malformed JSON body with a GraphQL-shaped error', async () => {
  const response = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"query": ',
  });
  const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
  expect(response.status).toBe(400);
  expect(body.errors[0].extensions).toEqual({ code: 'VALIDATION_ERROR', request_id: response.headers.get('x-request-id') });
});

it('reports not ready, naming the subgraph that is down', async () => {
  const response = await fetch(new URL('/readyz', federation.gateway.url));
  const body = (await response.json()) as { checks: Record<string, { status: string }> };
  expect(response.status).toBe(503);
  expect(body.checks).toMatchObject({
    redis: { status: 'ok' },
    core: { status: 'ok' },
    workflow: { status: 'ok' },
    analytics: { status: 'down' },
  });
});

it('masks a subgraph that answers HTTP 400 and still stamps the request id', async () => {
  // A subgraph on an older schema (a rolling deploy) rejects the planned query with a 400.
  const stale = http.createServer((_req, res) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'Cannot query field "patterns" on type "User".' }] }));
  });
  await new Promise<void>((resolve) => stale.listen(0, '127.0.0.1', resolve));
  const other = await startFederation({ ANALYTICS_URL: `http://127.0.0.1:${(stale.address() as AddressInfo).port}/graphql` });
  try {
    const response = await post(
      other.gateway.url,
      `query { pattern(id: "${randomUUID()}") { id } }`,
      {},
      { ...(await bearer(admin)), 'x-request-id': 'stale-1' },
    );
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Internal server error',
        extensions: expect.objectContaining({ code: 'INTERNAL', request_id: 'stale-1' }),
      }),
    ]);
    expect(response.text).not.toMatch(/Cannot query|patterns/);
  } finally {
    await other.stop();
    await new Promise<void>((resolve) => stale.close(() => resolve()));
  }
});
