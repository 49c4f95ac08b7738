import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, print, type DirectiveDefinitionNode } from 'graphql';
import { DIRECTIVE_SDL } from '@envelop/rate-limiter';
import { createLogger, createRedis, type Redis } from '@flowgraph/kernel';
import { Supergraph } from '@apollo/federation-internals';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { fieldLimitsFromSupergraph, limitedFieldsOf, windowStore } from '@flowgraph/gateway/testing';
import { bearer, post, startFederation, type Federation, type HttpGraphQLResult } from '../support/federation-kit';

/**
 * Rate limits through the federation, with small limits. Every test speaks from its own client
 * address (X-Forwarded-For, one trusted proxy hop), so their per-IP counters do not mix.
 */
let federation: Federation;
let second: RunningGateway;
let secondRedis: Redis;
const silent = () => createLogger('test', 'silent');

beforeAll(async () => {
  federation = await startFederation({
    TRUST_PROXY_HOPS: '1',
    RATE_LIMIT_IP_PER_MINUTE: '8',
    RATE_LIMIT_USER_PER_MINUTE: '4',
    RATE_LIMIT_API_KEY_PER_MINUTE: '3',
    RATE_LIMIT_OPERATION_PER_MINUTE: '2',
  });
  // A second replica on the same Redis and prefix: the counters must be shared.
  secondRedis = createRedis(federation.config.REDIS_URL);
  second = await startGateway({ config: federation.config, logger: silent(), redis: secondRedis }, 0, '127.0.0.1');
});

afterAll(async () => {
  await second?.stop();
  secondRedis?.disconnect();
  await federation?.stop();
});

let addresses = 0;
/** A fresh client address for a test (documentation range 198.51.100.0/24). */
const newClient = () => ({ 'x-forwarded-for': `198.51.100.${++addresses}` });
let names = 0;
/** Unique operation names keep the per-operation limit out of tests about other limits. */
const distinct = () => `query Op${++names} { __typename }`;

function expectRefused(response: HttpGraphQLResult<unknown>, limit: number, message: RegExp): void {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.headers.get('ratelimit-limit')).toBe(String(limit));
  expect(response.headers.get('ratelimit-remaining')).toBe('0');
  expect(response.headers.get('ratelimit-reset')).toBe(String(retryAfter));
  expect(response.errors).toEqual([
    {
      message: expect.stringMatching(message),
      extensions: { code: 'RATE_LIMITED', retryAfter, request_id: response.headers.get('x-request-id') },
    },
  ]);
}

async function rejections(gateway: RunningGateway, limit: string): Promise<number> {
  const metric = await gateway.metrics.rateLimitRejections.get();
  return metric.values.find((v) => v.labels.limit === limit)?.value ?? 0;
}

it('refuses the 9th request a minute from one IP with 429, retryAfter and RateLimit headers', async () => {
  const client = newClient();
  const before = await rejections(federation.gateway, 'ip');
  for (let i = 1; i <= 8; i++) {
    const ok = await post(federation.gateway.url, distinct(), {}, client);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('ratelimit-limit')).not.toBeNull();
  }
  expectRefused(await post(federation.gateway.url, distinct(), {}, client), 8, /per IP address/);
  // Another address is not affected.
  expect((await post(federation.gateway.url, distinct(), {}, newClient())).status).toBe(200);
  expect(await rejections(federation.gateway, 'ip')).toBe(before + 1);
});

it('refuses the 5th request a minute of one user, counting on both replicas', async () => {
  const client = newClient();
  const user = await bearer({ userId: randomUUID(), orgId: randomUUID(), role: 'member', sessionId: randomUUID() });
  const before = await rejections(second, 'user');
  // Two requests on each replica: the fifth is refused because they count together.
  for (const url of [federation.gateway.url, second.url, federation.gateway.url, second.url]) {
    expect((await post(url, distinct(), {}, { ...client, ...user })).status).toBe(200);
  }
  expectRefused(await post(second.url, distinct(), {}, { ...client, ...user }), 4, /per user/);
  expect(await rejections(second, 'user')).toBe(before + 1);
});

it('admits exactly the limit from a concurrent burst across both replicas (atomic counters under REDIS_PREFIX:rl:)', async () => {
  const client = newClient();
  const burst = await Promise.all(
    Array.from({ length: 12 }, (_, i) => post(i % 2 === 0 ? federation.gateway.url : second.url, distinct(), {}, client)),
  );
  const statuses = burst.map((r) => r.status).sort();
  expect(statuses.filter((s) => s === 200)).toHaveLength(8);
  expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  expect(await federation.redis.exists(`${federation.config.REDIS_PREFIX}:rl:ip:${client['x-forwarded-for']}`)).toBe(1);
});

it('refuses the 4th request a minute made with one API key', async () => {
  const setup = newClient();
  const email = `${randomUUID()}@example.com`;
  const signedUp = await post<{ signUp: { accessToken: string } }>(
    federation.gateway.url,
    'mutation RlSignUp($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    { input: { email, password: 'correct horse battery staple', name: 'Rl', organizationName: 'Limits' } },
    setup,
  );
  expect(signedUp.errors).toBeUndefined();
  const created = await post<{ createApiKey: { secret: string } }>(
    federation.gateway.url,
    'mutation RlKey { createApiKey(input: { name: "limits", scopes: ["workflows:read"], role: MEMBER }) { secret } }',
    {},
    { ...setup, authorization: `Bearer ${signedUp.data!.signUp.accessToken}` },
  );
  expect(created.errors).toBeUndefined();
  const key = { ...newClient(), 'x-api-key': created.data!.createApiKey.secret };
  const before = await rejections(federation.gateway, 'api_key');
  for (let i = 0; i < 3; i++) expect((await post(federation.gateway.url, distinct(), {}, key)).status).toBe(200);
  expectRefused(await post(federation.gateway.url, distinct(), {}, key), 3, /per API key/);
  expect(await rejections(federation.gateway, 'api_key')).toBe(before + 1);
});

it('refuses the 3rd run a minute of one operation name by one caller, other names still run', async () => {
  const client = newClient();
  const before = await rejections(federation.gateway, 'operation');
  const same = 'query SameOperation { __typename }';
  const first = await post(federation.gateway.url, same, {}, client);
  const secondRun = await post(second.url, same, {}, client);
  expect([first.status, secondRun.status]).toEqual([200, 200]);
  // The headers show the tightest limit that applied: this operation's (2).
  expect([first.headers.get('ratelimit-limit'), first.headers.get('ratelimit-remaining')]).toEqual(['2', '1']);
  expect([secondRun.headers.get('ratelimit-limit'), secondRun.headers.get('ratelimit-remaining')]).toEqual(['2', '0']);
  const refused = await post(federation.gateway.url, same, {}, client);
  expectRefused(refused, 2, /per operation/);
  expect((await post(federation.gateway.url, distinct(), {}, client)).status).toBe(200);
  expect(await rejections(federation.gateway, 'operation')).toBe(before + 1);
});

it('applies a field’s @rateLimit per caller and per its identityArgs (signUp: 5 an hour per email)', async () => {
  const client = newClient();
  const email = `${randomUUID()}@example.com`;
  const before = await rejections(federation.gateway, 'field');
  const signUp = (who: Record<string, string>, address: string) =>
    post(
      federation.gateway.url,
      `mutation SignUp${++names}($input: SignUpInput!) { signUp(input: $input) { accessToken } }`,
      { input: { email: address, password: 'correct horse battery staple', name: 'Rl', organizationName: 'Limits' } },
      who,
    );
  // The first creates the account; the next four are refused by Core (the email is taken), still counted.
  for (let i = 0; i < 5; i++) expect((await signUp(client, email)).status).toBe(200);
  const refused = await signUp(client, email);
  expect(refused.status).toBe(429);
  expect(refused.errors?.[0]).toMatchObject({
    message: "You are trying to access 'signUp' too often",
    extensions: { code: 'RATE_LIMITED' },
  });
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000); // the window is an hour
  expect(refused.headers.get('ratelimit-limit')).toBe('5');
  // identityArgs: another email from the same caller is a different counter…
  const other = await signUp(client, `${randomUUID()}@example.com`);
  expect(other.errors).toBeUndefined();
  // …and the same email from another caller too (CONFLICT from Core, not a rate limit).
  expect((await signUp(newClient(), email)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  expect(await rejections(federation.gateway, 'field')).toBe(before + 1);
});

it('fails open when its Redis is unreachable: requests run, without RateLimit headers', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const deadRedis = createRedis(`redis://127.0.0.1:${port}`);
  deadRedis.on('error', () => undefined);
  // The response cache shares the dead Redis: it gives up on it within its own bound too.
  const isolated = await startGateway({ config: federation.config, logger: silent(), redis: deadRedis }, 0, '127.0.0.1');
  try {
    const client = newClient();
    const started = Date.now();
    for (let i = 0; i < 8; i++) {
      const response = await post(isolated.url, 'query SameOperation { __typename }', {}, client);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBeNull();
    }
    // Each check (rate limit, response cache) gives up after 250 ms: a dead store costs latency, bounded.
    expect(Date.now() - started).toBeLessThan(8 * 1000);
  } finally {
    await isolated.stop();
    deadRedis.disconnect();
  }
});

it('composes @rateLimit with @envelop/rate-limiter’s own arguments and reads it from the supergraph', () => {
  const argumentsOf = (sdl: string) => {
    const definition = parse(sdl).definitions.find(
      (d): d is DirectiveDefinitionNode => d.kind === Kind.DIRECTIVE_DEFINITION && d.name.value === 'rateLimit',
    );
    return definition?.arguments?.map((a) => `${a.name.value}: ${print(a.type)}`);
  };
  const supergraph = readFileSync(federation.config.supergraphPath, 'utf8');
  expect(argumentsOf(supergraph)).toEqual(argumentsOf(DIRECTIVE_SDL));
  const limits = fieldLimitsFromSupergraph(supergraph);
  expect(limits.get('Mutation.signUp')).toMatchObject({ max: 5, windowMs: 3_600_000, identityArgs: ['input.email'] });
  expect(limits.get('Mutation.ingestEvents')).toMatchObject({ max: 60_000, windowMs: 60_000, arrayLengthField: 'events' });
  // An operation's hits: the identity from identityArgs, the count from arrayLengthField, the message's {{id}}.
  const schema = Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema();
  const operation = parse(
    'mutation($events: [EventInput!]!, $input: LogInInput!) { ingestEvents(events: $events) { __typename } logIn(input: $input) { __typename } }',
  );
  const variables = { events: [{}, {}, {}], input: { email: 'ada@example.com', password: 'x' } };
  expect(limitedFieldsOf(schema, operation, variables, limits, 'user:1')).toEqual([
    expect.objectContaining({ fieldIdentity: 'ingestEvents', calls: 3 }),
    expect.objectContaining({ fieldIdentity: 'logIn:ada@example.com', calls: 1, message: 'Too many log-in attempts for this account' }),
  ]);
});

it('keeps the sliding log’s semantics: call counts (as arrayLengthField gives them), uncountRejected, readOnly, the wait', async () => {
  const store = windowStore(federation.redis);
  const key = `${federation.config.REDIS_PREFIX}:rl:field:test:${randomUUID()}`;
  const at = (now: number, calls: number, flags: { readOnly?: boolean; uncountRejected?: boolean } = {}) =>
    store.hitLog(key, {
      now,
      windowMs: 10_000,
      max: 10,
      calls,
      readOnly: flags.readOnly ?? false,
      uncountRejected: flags.uncountRejected ?? false,
    });
  expect(await at(1_000, 6)).toEqual({ limited: false, calls: 6, waitMs: 0 });
  expect(await at(2_000, 1, { readOnly: true })).toEqual({ limited: false, calls: 6, waitMs: 0 }); // looks, does not count
  expect(await at(3_000, 4)).toEqual({ limited: false, calls: 10, waitMs: 0 });
  // 5 more do not fit: not counted (uncountRejected); they fit once the 6 of t=1s leave, at 11 s.
  expect(await at(4_000, 5, { uncountRejected: true })).toEqual({ limited: true, calls: 10, waitMs: 7_000 });
  // Counted when rejected (the default): the rejected call itself now sits in the window too.
  expect(await at(5_000, 1)).toMatchObject({ limited: true, calls: 11 });
  expect(await at(11_500, 1)).toMatchObject({ limited: false, calls: 6 }); // 4 (t=3 s) + 1 (t=5 s) + this one
});
