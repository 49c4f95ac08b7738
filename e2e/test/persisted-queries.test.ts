import { createHash, randomUUID } from 'node:crypto';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;
let second: RunningGateway;
let secondRedis: Redis;
let auth: Record<string, string>;

const meQuery = `query PqMe { me { email } }`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

interface Answer {
  status: number;
  data?: { me?: { email: string } } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(url: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

beforeAll(async () => {
  federation = await startFederation({ APQ_TTL_SECONDS: '3600' });
  // A second replica: its own process state, the same Redis and prefix.
  secondRedis = createRedis(federation.config.REDIS_URL);
  second = await startGateway({ config: federation.config, logger: createLogger('test', 'silent'), redis: secondRedis }, 0, '127.0.0.1');
  const email = `${randomUUID()}@example.com`;
  const signedUp = await send(federation.gateway.url, {
    query: 'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    variables: { input: { email, password: 'correct horse battery staple', name: 'Pq', organizationName: 'Persisted' } },
  });
  auth = { authorization: `Bearer ${(signedUp.data as unknown as { signUp: { accessToken: string } }).signUp.accessToken}` };
});

afterAll(async () => {
  await second?.stop();
  secondRedis?.disconnect();
  await federation?.stop();
});

it('answers an unknown hash with PersistedQueryNotFound, so the client sends the full query', async () => {
  const answer = await send(federation.gateway.url, { extensions: persisted(sha256(`${meQuery} # unknown`)) });
  // The message and reason are what APQ clients (Apollo Client, urql) look for; the code is the catalog's.
  expect(answer.errors).toEqual([
    expect.objectContaining({
      message: 'PersistedQueryNotFound',
      extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', reason: 'PERSISTED_QUERY_NOT_FOUND' }),
    }),
  ]);
});

it('registers a query in Redis, runs it by hash, and the other replica runs it too', async () => {
  const hash = sha256(meQuery);
  const first = await send(federation.gateway.url, { query: meQuery, extensions: persisted(hash) });
  expect(first.errors).toBeUndefined();
  const email = first.data!.me!.email;
  const key = `${federation.config.REDIS_PREFIX}:apq:${hash}`;
  // Apollo stores the registration without awaiting it.
  await until(() => federation.redis.get(key), 5_000, 'the APQ entry in Redis');
  expect(await federation.redis.get(key)).toBe(meQuery);
  const ttl = await federation.redis.ttl(key);
  expect(ttl).toBeGreaterThan(3_500);
  expect(ttl).toBeLessThanOrEqual(3_600);

  const byHash = await send(federation.gateway.url, { extensions: persisted(hash) });
  expect(byHash).toMatchObject({ status: 200, data: { me: { email } } });
  expect(byHash.errors).toBeUndefined();
  const onSecond = await send(second.url, { extensions: persisted(hash) });
  expect(onSecond).toMatchObject({ status: 200, data: { me: { email } } });
  expect(onSecond.errors).toBeUndefined();
});

it('runs a registered hash over GET, with the header CSRF prevention asks for', async () => {
  const hash = sha256(meQuery);
  await until(() => federation.redis.get(`${federation.config.REDIS_PREFIX}:apq:${hash}`), 5_000, 'the APQ entry');
  const url = `${second.url}?operationName=PqMe&extensions=${encodeURIComponent(JSON.stringify(persisted(hash)))}`;
  const response = await fetch(url, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
  expect(response.status).toBe(200);
  expect(((await response.json()) as Answer).data?.me?.email).toEqual(expect.any(String));
  const simple = await fetch(url, { headers: auth });
  expect(simple.status).toBe(400);
});

it('refuses to register a query under a hash that is not its own', async () => {
  const answer = await send(federation.gateway.url, { query: meQuery, extensions: persisted(sha256('query Other { me { id } }')) });
  expect(answer.status).toBe(400);
  expect(answer.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', reason: 'PERSISTED_QUERY_HASH_MISMATCH' });
  expect(await federation.redis.get(`${federation.config.REDIS_PREFIX}:apq:${sha256('query Other { me { id } }')}`)).toBeNull();
});
