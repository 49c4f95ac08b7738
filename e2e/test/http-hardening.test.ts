import '../support/production-secrets';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { post, startFederation, type Federation } from '../support/federation-kit';

/**
 * The HTTP front of a production gateway (NODE_ENV=production), with a development gateway on
 * the same subgraphs for contrast where production differs.
 */
let federation: Federation;
let development: RunningGateway;
let developmentRedis: Redis;
const app = 'https://app.flowgraph.test';

beforeAll(async () => {
  federation = await startFederation({ NODE_ENV: 'production', CORS_ORIGINS: `${app}, http://localhost:5173`, BODY_LIMIT: '1kb' });
  developmentRedis = createRedis(federation.config.REDIS_URL);
  const config = { ...federation.config, NODE_ENV: 'development' as const };
  development = await startGateway({ config, logger: createLogger('test', 'silent'), redis: developmentRedis }, 0, '127.0.0.1');
});

afterAll(async () => {
  await development?.stop();
  developmentRedis?.disconnect();
  await federation?.stop();
});

const preflight = (origin: string) =>
  fetch(federation.gateway.url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });

it('answers a CORS preflight from an allowed origin with credentials, and not another origin', async () => {
  const allowed = await preflight(app);
  expect(allowed.status).toBe(204);
  expect(allowed.headers.get('access-control-allow-origin')).toBe(app);
  expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
  expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  const other = await preflight('https://evil.example');
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  expect(other.headers.get('access-control-allow-credentials')).toBeNull();
  // On the actual request too, and the rate-limit and request-id headers are readable.
  const actual = await post(federation.gateway.url, '{ __typename }', {}, { origin: app });
  expect(actual.headers.get('access-control-allow-origin')).toBe(app);
  expect(actual.headers.get('access-control-expose-headers')).toMatch(/ratelimit-remaining/);
  const foreign = await post(federation.gateway.url, '{ __typename }', {}, { origin: 'https://evil.example' });
  expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
});

it('sends security headers: an API’s CSP, HSTS, nosniff, no framing', async () => {
  const response = await post(federation.gateway.url, '{ __typename }');
  expect(response.headers.get('content-security-policy')).toBe(
    "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
  );
  expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(response.headers.get('x-powered-by')).toBeNull();
});

it('refuses requests a cross-site form or link could send (CSRF prevention)', async () => {
  const url = `${federation.gateway.url}?query=${encodeURIComponent('{ __typename }')}`;
  const simpleGet = await fetch(url);
  expect(simpleGet.status).toBe(400);
  expect(await simpleGet.text()).toMatch(/Cross-Site Request Forgery/);
  const simplePost = await fetch(federation.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(simplePost.status).toBe(400);
  const refusal = (await simplePost.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(refusal.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  expect(refusal.errors[0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', reason: 'BAD_REQUEST' });
  // A header only scripts can set (and CORS must allow) lets the GET through.
  const withHeader = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  expect(withHeader.status).toBe(200);
  expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
});

it('refuses a body over BODY_LIMIT with 413 and the GraphQL error shape', async () => {
  const response = await post(federation.gateway.url, `{ __typename } # ${'x'.repeat(2048)}`);
  expect(response.status).toBe(413);
  expect(response.errors).toEqual([
    { message: 'Request body too large', extensions: { code: 'VALIDATION_ERROR', request_id: response.headers.get('x-request-id') } },
  ]);
});

it('refuses introspection in production; development serves it', async () => {
  const introspection = '{ __schema { queryType { name } } }';
  for (const query of [introspection, '{ __type(name: "User") { name } }']) {
    const refused = await post(federation.gateway.url, query);
    expect(refused.status).toBe(400);
    // Neutral: neither the server library nor how to switch introspection on.
    expect(refused.errors).toEqual([
      expect.objectContaining({ message: 'Introspection is disabled', extensions: expect.objectContaining({ code: 'VALIDATION_ERROR' }) }),
    ]);
    expect(refused.text).not.toMatch(/apollo|enable|introspection: true|pass /i);
    expect(refused.data).toBeUndefined();
  }
  const served = await post(development.url, introspection);
  expect(served.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
});

it('gives no field suggestions in production errors; development does', async () => {
  const typo = '{ mee { id } }';
  const production = await post(federation.gateway.url, typo);
  expect(production.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
  expect(production.text).not.toMatch(/Did you mean/);
  const dev = await post(development.url, typo);
  expect(dev.errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
});

it('answers paths it does not serve with the JSON error envelope and 404, not an HTML page', async () => {
  const origin = new URL(federation.gateway.url).origin;
  for (const [method, path] of [
    ['GET', '/nope'],
    ['GET', '/api/v1/anything'],
    ['POST', '/api/v1/no-such-resource'],
    ['GET', '/webhooks/some-trigger'],
    ['DELETE', '/healthz'],
    ['POST', '/graphql/nope'],
    ['GET', '/graphql/stream/nope'],
  ]) {
    const response = await fetch(`${origin}${path}`, { method, headers: { 'x-request-id': 'lost-1' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No such endpoint', details: [], request_id: 'lost-1' } });
  }
});
