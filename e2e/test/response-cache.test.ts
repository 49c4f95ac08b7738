import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { RedisResponseStore } from '@flowgraph/gateway/testing';
import { post, startFederation, type Federation } from '../support/federation-kit';

/** Forwards to the workflow subgraph and counts the requests it forwards. */
interface CountingProxy {
  url: string;
  target: string;
  count: number;
  close(): Promise<void>;
}

async function countingProxy(): Promise<CountingProxy> {
  const proxy = { url: '', target: '', count: 0, close: async () => {} } as CountingProxy;
  const server = http.createServer((req, res) => {
    proxy.count += 1;
    const upstream = http.request(new URL(req.url ?? '/', proxy.target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  proxy.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return proxy;
}

let federation: Federation;
let workflowProxy: CountingProxy;
let second: RunningGateway;
let secondRedis: Redis;
const users: { headers: Record<string, string>; userId: string; email: string; orgName: string }[] = [];

async function signUp(orgName: string) {
  const email = `${randomUUID()}@example.com`;
  const response = await post<{ signUp: { accessToken: string; user: { id: string } } }>(
    federation.gateway.url,
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    { input: { email, password: 'correct horse battery staple', name: orgName, organizationName: orgName } },
  );
  expect(response.errors).toBeUndefined();
  return {
    headers: { authorization: `Bearer ${response.data!.signUp.accessToken}` },
    userId: response.data!.signUp.user.id,
    email,
    orgName,
  };
}

const entryCount = async () => (await federation.redis.keys(`${federation.config.REDIS_PREFIX}:rc:e:*`)).length;

beforeAll(async () => {
  workflowProxy = await countingProxy();
  federation = await startFederation({ WORKFLOW_URL: workflowProxy.url });
  workflowProxy.target = federation.urls.workflow;
  users.push(await signUp('Analytical Engines'), await signUp('Difference Engines'));
  // A second replica on the same Redis and prefix: it must see the first one's entries.
  secondRedis = createRedis(federation.config.REDIS_URL);
  second = await startGateway({ config: federation.config, logger: createLogger('test', 'silent'), redis: secondRedis }, 0, '127.0.0.1');
});

afterAll(async () => {
  await second?.stop();
  secondRedis?.disconnect();
  await federation?.stop();
  await workflowProxy?.close();
});

const TEMPLATES = 'query Templates { workflowTemplates { id name trigger { tool eventType } } }';

it('serves a PUBLIC-hinted query from Redis without calling the subgraph, on every replica', async () => {
  const [ada, charles] = users;
  const first = await post<{ workflowTemplates: unknown[] }>(federation.gateway.url, TEMPLATES, {}, ada.headers);
  expect(first.errors).toBeUndefined();
  expect(first.data!.workflowTemplates.length).toBeGreaterThan(0);
  expect(first.headers.get('x-cache')).toBe('MISS');
  // The workflow subgraph hints 300 s; the gateway caps entries and headers at 60 s.
  expect(first.headers.get('cache-control')).toBe('max-age=60, public');
  const calls = workflowProxy.count;

  const again = await post(federation.gateway.url, TEMPLATES, {}, ada.headers);
  expect(again.headers.get('x-cache')).toBe('HIT');
  expect(again.data).toEqual(first.data);
  expect(again.headers.get('cache-control')).toMatch(/^max-age=(60|59|58), public$/);

  // Another user, on the other replica: PUBLIC is shared.
  const elsewhere = await post(`http://127.0.0.1:${second.port}/graphql`, TEMPLATES, {}, charles.headers);
  expect(elsewhere.headers.get('x-cache')).toBe('HIT');
  expect(elsewhere.data).toEqual(first.data);
  expect(workflowProxy.count).toBe(calls);
});

it('does not hand PUBLIC data cached for members to an anonymous caller', async () => {
  await post(federation.gateway.url, TEMPLATES, {}, users[0].headers);
  const anonymous = await post(federation.gateway.url, TEMPLATES, {}, {});
  expect(anonymous.headers.get('x-cache')).toBe('MISS');
  expect(anonymous.data).toBeNull();
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it("caches PRIVATE data per caller: one user never gets another user's entry", async () => {
  const [ada, charles] = users;
  const ME = 'query Me { me { id email name } }';
  const adaFirst = await post<{ me: { id: string; email: string } }>(federation.gateway.url, ME, {}, ada.headers);
  expect(adaFirst.data!.me).toMatchObject({ id: ada.userId, email: ada.email });
  expect(adaFirst.headers.get('cache-control')).toBe('max-age=30, private');
  const adaAgain = await post(federation.gateway.url, ME, {}, ada.headers);
  expect(adaAgain.headers.get('x-cache')).toBe('HIT');
  expect(adaAgain.data).toEqual(adaFirst.data);

  for (const url of [federation.gateway.url, `http://127.0.0.1:${second.port}/graphql`]) {
    const charlesSees = await post<{ me: { id: string; email: string } }>(url, ME, {}, charles.headers);
    expect(charlesSees.data!.me).toMatchObject({ id: charles.userId, email: charles.email });
  }
  const charlesAgain = await post<{ me: { id: string } }>(federation.gateway.url, ME, {}, charles.headers);
  expect(charlesAgain.headers.get('x-cache')).toBe('HIT');
  expect(charlesAgain.data!.me.id).toBe(charles.userId);

  // An API key of Ada's is a caller of its own (its scopes may hide what Ada sees).
  const key = await post<{ createApiKey: { secret: string } }>(
    federation.gateway.url,
    'mutation { createApiKey(input: { name: "cache test", scopes: ["workflows:read"], role: VIEWER }) { secret } }',
    {},
    ada.headers,
  );
  expect(key.errors).toBeUndefined();
  const byKey = await post(federation.gateway.url, ME, {}, { 'x-api-key': key.data!.createApiKey.secret });
  expect(byKey.headers.get('x-cache')).toBe('MISS');
});

it('does not cache data without a cache hint', async () => {
  const WORKFLOWS = 'query Workflows { workflows { edges { node { id name } } } }';
  const before = await entryCount();
  for (let i = 0; i < 2; i++) {
    const response = await post(federation.gateway.url, WORKFLOWS, {}, users[0].headers);
    expect(response.errors).toBeUndefined();
    expect(response.headers.get('x-cache')).toBe('MISS');
    expect(response.headers.get('cache-control')).toBe('no-store');
  }
  expect(await entryCount()).toBe(before);
});

it('drops cached entries when a mutation changes their type, on every replica', async () => {
  const [ada] = users;
  const ORG = 'query Org { currentOrganization { id name } }';
  const first = await post<{ currentOrganization: { id: string; name: string } }>(federation.gateway.url, ORG, {}, ada.headers);
  expect(first.data!.currentOrganization.name).toBe(ada.orgName);
  // Indexed by its type and by the entity it holds.
  const tag = (name: string) => `${federation.config.REDIS_PREFIX}:rc:t:${name}`;
  expect(await federation.redis.zcard(tag('Organization'))).toBeGreaterThan(0);
  expect(await federation.redis.zcard(tag(`Organization:${first.data!.currentOrganization.id}`))).toBe(1);
  const cached = await post(`http://127.0.0.1:${second.port}/graphql`, ORG, {}, ada.headers);
  expect(cached.headers.get('x-cache')).toBe('HIT');

  const renamed = await post(
    federation.gateway.url,
    'mutation { updateOrganization(input: { name: "Renamed Engines" }) { organization { id } } }',
    {},
    ada.headers,
  );
  expect(renamed.errors).toBeUndefined();

  for (const url of [`http://127.0.0.1:${second.port}/graphql`, federation.gateway.url]) {
    const after = await post<{ currentOrganization: { name: string } }>(url, ORG, {}, ada.headers);
    expect(after.data!.currentOrganization.name).toBe('Renamed Engines');
  }
});

describe('GET', () => {
  const get = (query: string, headers: Record<string, string>) =>
    fetch(`${federation.gateway.url}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });

  it('answers If-None-Match with 304 and sends Cache-Control from the policy', async () => {
    const headers = users[0].headers;
    const query = '{ workflowTemplates { id name } }';
    const first = await get(query, headers);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(first.headers.get('vary')).toMatch(/authorization, x-api-key/);
    await first.text();

    const revalidated = await get(query, { ...headers, 'if-none-match': etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);

    const changed = await get(query, { ...headers, 'if-none-match': 'W/"something-else"' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual(await (await get(query, headers)).json());
  });

  it('marks private data private and unhinted data no-store', async () => {
    const headers = users[1].headers;
    const me = await get('{ me { id } }', headers);
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toMatch(/^max-age=\d+, private$/);
    await me.text();
    const workflows = await get('{ workflows { edges { node { id } } } }', headers);
    expect(workflows.status).toBe(200);
    expect(workflows.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the Redis store', () => {
  it('refuses to store data read before an invalidation of one of its tags', async () => {
    const store = new RedisResponseStore(federation.redis, `${federation.config.REDIS_PREFIX}:store-test`, 60);
    const tags = ['Organization', 'Organization:1'];
    const { readAt } = await store.lookup({ public: 'stale' });
    await store.invalidate(['Organization']);
    expect(await store.save('stale', { data: { n: 1 }, scope: 'PUBLIC' }, 30, tags, readAt)).toBe(false);
    expect((await store.lookup({ public: 'stale' })).hit).toBeUndefined();

    // Read after the invalidation (a later millisecond: the same one counts as before, to be safe).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const fresh = await store.lookup({ public: 'fresh' });
    expect(await store.save('fresh', { data: { n: 2 }, scope: 'PUBLIC' }, 30, tags, fresh.readAt)).toBe(true);
    expect((await store.lookup({ public: 'fresh' })).hit).toMatchObject({ data: { n: 2 }, scope: 'PUBLIC' });
    expect(await store.invalidate(['Organization:1'])).toBe(1);
    expect((await store.lookup({ public: 'fresh' })).hit).toBeUndefined();
  });
});
