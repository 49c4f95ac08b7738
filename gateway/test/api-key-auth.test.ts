import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { jsonKeepingBytes, loadConfig, verifyRequestIdentity, type Identity } from '@flowgraph/kernel';
import { apiKeyAuthenticator } from '../src/plugins/api-key-auth';
import { AuthenticationError } from '../src/plugins/authentication';

/**
 * A stand-in for Core's `POST /internal/api-keys/verify`, only to unit-test the plugin; the
 * end-to-end path runs against Core itself once it starts in-process.
 */
const secret = loadConfig().IDENTITY_SECRET;
const knownKey = 'fg_test_known';
const otherKey = 'fg_test_other';
const verified = { apiKeyId: 'k1', userId: 'u1', orgId: 'o1', role: 'member', scopes: ['workflows:read'] };
const calls: { key: string; identity: Identity }[] = [];
let answer: 'normal' | 'broken' = 'normal';
let answerClient: string | null | undefined;
let server: http.Server;
let verifyUrl: string;

beforeAll(async () => {
  const app = express();
  app.post('/internal/api-keys/verify', jsonKeepingBytes({ limit: '4kb' }), (req, res) => {
    const identity = verifyRequestIdentity(req, secret); // throws (500) when the gateway did not sign this call
    calls.push({ key: req.body.key, identity });
    if (answer === 'broken') res.status(503).json({});
    else if (req.body.key === knownKey || req.body.key === otherKey)
      res.json(answerClient === undefined ? verified : { ...verified, clientName: answerClient });
    else res.status(401).json({ error: 'unknown key' });
  });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  verifyUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal/api-keys/verify`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  calls.length = 0;
  answer = 'normal';
  answerClient = undefined;
});

it('turns Core’s answer into API-key credentials, asking with a signed anonymous identity', async () => {
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret });
  await expect(authenticator.verify(knownKey, 'req-1')).resolves.toEqual({ authMethod: 'api_key', ...verified });
  expect(calls).toEqual([{ key: knownKey, identity: expect.objectContaining({ authMethod: 'anonymous', requestId: 'req-1' }) }]);
  expect(calls[0].identity.userId).toBeUndefined();
});

it('refuses a key Core does not know, and does not cache the refusal', async () => {
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret });
  await expect(authenticator.verify('fg_test_unknown')).rejects.toBeInstanceOf(AuthenticationError);
  await expect(authenticator.verify('fg_test_unknown')).rejects.toBeInstanceOf(AuthenticationError);
  expect(calls).toHaveLength(2);
});

it('reuses a verification for the cache lifetime only', async () => {
  let clock = 1_000_000;
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret, now: () => clock });
  await authenticator.verify(knownKey);
  clock += 29_999;
  await authenticator.verify(knownKey);
  expect(calls).toHaveLength(1);
  clock += 2;
  await authenticator.verify(knownKey);
  expect(calls).toHaveLength(2);
});

it('does not accept a cache lifetime above 30 seconds', () => {
  expect(() => apiKeyAuthenticator({ verifyUrl, identitySecret: secret, cacheTtlMs: 30_001 })).toThrow(RangeError);
});

it('treats a failing Core as an error, not as a bad key', async () => {
  answer = 'broken';
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret });
  const failure = await authenticator.verify(knownKey).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(Error);
  expect(failure).not.toBeInstanceOf(AuthenticationError);
});

it('drops the oldest cached verification when full', async () => {
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret, maxCacheEntries: 1 });
  await authenticator.verify(knownKey);
  await authenticator.verify(knownKey);
  await authenticator.verify(otherKey);
  await authenticator.verify(knownKey);
  expect(calls.map((c) => c.key)).toEqual([knownKey, otherKey, knownKey]);
});

it('carries the client a key is bound to, and none for an unbound key', async () => {
  const authenticator = apiKeyAuthenticator({ verifyUrl, identitySecret: secret });
  answerClient = 'partner-example';
  await expect(authenticator.verify(knownKey)).resolves.toMatchObject({ authMethod: 'api_key', clientName: 'partner-example' });
  answerClient = null;
  expect(await authenticator.verify(otherKey)).not.toHaveProperty('clientName');
});
