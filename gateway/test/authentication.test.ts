import { randomUUID } from 'node:crypto';
import { revokedSessionKey, signAccessToken } from '@flowgraph/kernel';
import { bearer, closedUrl, post, startFederation, type Federation } from './support/federation-kit';

let federation: Federation;
const member = { userId: randomUUID(), orgId: randomUUID(), role: 'member' as const, sessionId: randomUUID() };
/** Any operation a member may run; it reaches the workflow subgraph. */
const probe = `query { workflow(id: "${randomUUID()}") { id } }`;

beforeAll(async () => {
  // Core (and so API-key verification) is unreachable in this file: see api-key-auth.test.ts for the plugin.
  federation = await startFederation({ CORE_ORIGIN: new URL(await closedUrl()).origin });
});

afterAll(async () => {
  await federation.stop();
});

const call = (headers: Record<string, string>) => post(federation.gateway.url, probe, {}, headers);

function expectRefused(response: Awaited<ReturnType<typeof call>>): void {
  expect(response.status).toBe(401);
  expect(response.errors).toHaveLength(1);
  expect(response.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', request_id: response.headers.get('x-request-id') });
  expect(response.data).toBeUndefined();
}

it('forwards a valid access token’s identity to the subgraphs', async () => {
  const response = await call(await bearer(member));
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ workflow: null });
});

it('treats a request without credentials as anonymous, which subgraphs refuse per field', async () => {
  const response = await call({});
  expect(response.status).toBe(200);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', request_id: response.headers.get('x-request-id') });
});

it('refuses a missing or malformed bearer token with 401 UNAUTHENTICATED', async () => {
  expectRefused(await call({ authorization: 'Bearer' }));
  expectRefused(await call({ authorization: 'Bearer ' }));
  expectRefused(await call({ authorization: 'Basic dXNlcjpwYXNz' }));
  expectRefused(await call({ authorization: 'Bearer not.a.jwt' }));
});

it('refuses a token signed with another key', async () => {
  const { token } = await signAccessToken(member, 'another-secret-another-secret-0123456789');
  expectRefused(await call({ authorization: `Bearer ${token}` }));
});

it('refuses an expired token', async () => {
  expectRefused(await call(await bearer(member, -60)));
});

it('refuses a token whose session is marked revoked in Redis, and only that session', async () => {
  const revoked = { ...member, sessionId: randomUUID() };
  await federation.redis.set(revokedSessionKey(federation.config.REDIS_PREFIX, revoked.sessionId), '1', 'EX', 60);
  expectRefused(await call(await bearer(revoked)));
  expect((await call(await bearer(member))).status).toBe(200);
});

it('refuses a request carrying both a bearer token and an API key', async () => {
  expectRefused(await call({ ...(await bearer(member)), 'x-api-key': 'fg_live_something' }));
});

it('answers 503 UNAVAILABLE with Retry-After, not 401, when Core cannot verify an API key', async () => {
  const response = await call({ 'x-api-key': 'fg_live_something' });
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(response.errors?.[0]).toEqual({
    message: 'Service temporarily unavailable, retry later',
    extensions: { code: 'UNAVAILABLE', retryAfter: 5, request_id: response.headers.get('x-request-id') },
  });
});

it('honours a sane incoming x-request-id and replaces anything else', async () => {
  const kept = await call({ 'x-request-id': 'edge-7f3a.42_b' });
  expect(kept.headers.get('x-request-id')).toBe('edge-7f3a.42_b');
  const refused = await call({ 'x-request-id': 'edge-7f3a', authorization: 'Bearer nope' });
  expect(refused.errors?.[0]?.extensions?.request_id).toBe('edge-7f3a');
  for (const insane of ['has spaces', 'x'.repeat(65), '<script>']) {
    const replaced = await call({ 'x-request-id': insane });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  }
});
