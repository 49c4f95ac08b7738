import { createHmac, randomUUID } from 'node:crypto';
import { NO_ROLE, grantedRoleKey, loadConfig, revokedSessionKey, signAccessToken } from '@flowgraph/kernel';
import { jwtAuthenticator } from '@flowgraph/gateway/testing';
import { bearer, closedUrl, post, startFederation, type Federation } from '../support/federation-kit';

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

/** An access token for `member` built by hand, so that its issuer, audience or algorithm can be wrong on purpose. */
function handMadeToken(parts: { alg?: string; iss?: string; aud?: string } = {}): string {
  const alg = parts.alg ?? 'HS256';
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    sub: member.userId,
    org: member.orgId,
    role: member.role,
    sid: member.sessionId,
    iss: parts.iss ?? 'flowgraph',
    aud: parts.aud ?? 'flowgraph',
    iat: now,
    exp: now + 600,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const hash = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512', RS256: 'sha256' } as Record<string, string>)[alg];
  // With the gateway's own JWT_SECRET: only the part under test is wrong.
  return `${signed}.${hash ? createHmac(hash, loadConfig().JWT_SECRET).update(signed).digest('base64url') : ''}`;
}

it('accepts a hand-made token with Core’s issuer, audience and HS256 (so the refusals below are about one part each)', async () => {
  const response = await call({ authorization: `Bearer ${handMadeToken()}` });
  expect(response.status).toBe(200);
  expect(response.data).toEqual({ workflow: null });
});

it('refuses a token with another issuer or another audience', async () => {
  expectRefused(await call({ authorization: `Bearer ${handMadeToken({ iss: 'https://evil.example' })}` }));
  expectRefused(await call({ authorization: `Bearer ${handMadeToken({ aud: 'another-service' })}` }));
});

it('refuses alg "none" and every algorithm but HS256, even when signed with the right key', async () => {
  for (const alg of ['none', 'None', 'NONE', 'HS384', 'HS512', 'RS256']) {
    expectRefused(await call({ authorization: `Bearer ${handMadeToken({ alg })}` }));
  }
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

it('refuses a token whose role is not the one Core last recorded for its user and organization', async () => {
  const roleKey = (claims: typeof member) => grantedRoleKey(federation.config.REDIS_PREFIX, claims.orgId, claims.userId);
  // No record (none made, or expired with every token older than it): the token's role is current.
  const unrecorded = { ...member, userId: randomUUID() };
  expect((await call(await bearer(unrecorded))).status).toBe(200);
  const same = { ...member, userId: randomUUID() };
  await federation.redis.set(roleKey(same), 'member', 'EX', 60);
  expect((await call(await bearer(same))).status).toBe(200);
  const demoted = { ...member, userId: randomUUID() };
  await federation.redis.set(roleKey(demoted), 'viewer', 'EX', 60);
  expectRefused(await call(await bearer(demoted)));
  expect((await call(await bearer({ ...demoted, role: 'viewer' }))).status).toBe(200);
  const removed = { ...member, userId: randomUUID() };
  await federation.redis.set(roleKey(removed), NO_ROLE, 'EX', 60);
  expectRefused(await call(await bearer(removed)));
  // The record is per organization.
  expect((await call(await bearer({ ...removed, orgId: randomUUID() }))).status).toBe(200);
});

/** The federation's Redis, recording the name of every method called on it. */
function recordingRedis(sent: string[]): typeof federation.redis {
  return new Proxy(federation.redis, {
    get: (target, name, receiver) => {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        sent.push(String(name));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

it('checks the session and the role in one Redis round trip', async () => {
  const sent: string[] = [];
  const redis = recordingRedis(sent);
  const verify = jwtAuthenticator({ secret: federation.config.JWT_SECRET, redis, redisPrefix: federation.config.REDIS_PREFIX });
  const { authorization } = await bearer(member);
  await expect(verify(authorization.slice('Bearer '.length))).resolves.toMatchObject({ userId: member.userId, role: 'member' });
  expect(sent).toEqual(['mget']);
});

it('remembers a verified token only until it expires, and checks its session and role on every use', async () => {
  const sent: string[] = [];
  const { JWT_SECRET: secret, REDIS_PREFIX: redisPrefix } = federation.config;
  const verify = jwtAuthenticator({ secret, redis: recordingRedis(sent), redisPrefix });
  const caller = { ...member, sessionId: randomUUID() };
  const { token, expiresAt } = await signAccessToken(caller, secret, 2);
  await expect(verify(token)).resolves.toMatchObject({ userId: caller.userId });
  await expect(verify(token)).resolves.toMatchObject({ userId: caller.userId });
  expect(sent).toEqual(['mget', 'mget']);
  await federation.redis.set(revokedSessionKey(redisPrefix, caller.sessionId), '1', 'EX', 60);
  await expect(verify(token)).rejects.toThrow('Session revoked');
  const other = await signAccessToken(member, secret, 2);
  await expect(verify(other.token)).resolves.toMatchObject({ userId: member.userId });
  // `exp` is in whole seconds, at or before expiresAt.
  await new Promise((resolve) => setTimeout(resolve, Math.max(expiresAt.getTime(), other.expiresAt.getTime()) - Date.now() + 10));
  await expect(verify(other.token)).rejects.toThrow('Invalid access token (ERR_JWT_EXPIRED)');
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
