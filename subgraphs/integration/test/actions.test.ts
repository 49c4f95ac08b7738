import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import pino from 'pino';
import { INTERNAL_ACTIONS_PATH, internalActionResponse, type InternalActionRequest } from '@flowgraph/contracts';
import {
  createOrm,
  createRedis,
  internalClient,
  loadConfig,
  secretKeyringFromConfig,
  type Redis,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, uniqueName, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadIntegrationConfig, type IntegrationConfig } from '../src/config';
import { entities } from '../src/entities';
import { AccountRateLimiter } from '../src/modules/actions/account-rate-limiter';
import { startIntegrationServer } from '../src/server';
import { seedConnectedIntegration, startSlackServer, type SlackServer } from '../src/testing';

/**
 * Connector actions through Integration's internal route, on real Postgres and Redis against a
 * local Slack: the ledger, the shared rate limit, the breaker, and credentials that never leave.
 */
const token = `xoxb-${randomUUID()}`;
let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let slack: SlackServer;
let server: RunningServer;
let config: IntegrationConfig;
const logLines: string[] = [];
const orgId = randomUUID();
const owner = randomUUID();

const client = () => internalClient({ name: 'Integration', origin: server.url, identitySecret: config.IDENTITY_SECRET });
const run = (request: Partial<InternalActionRequest> = {}, org = orgId) =>
  client().call({
    method: 'POST',
    path: INTERNAL_ACTIONS_PATH,
    body: {
      connector: 'slack',
      action: 'post_message',
      input: { channel: '#reviews', text: 'PR opened' },
      idempotencyKey: randomUUID(),
      ...request,
    },
    identity: { requestId: randomUUID(), orgId: org, userId: owner, role: 'member', scopes: [], authMethod: 'service' },
    response: internalActionResponse,
  });

const connectSlack = (org: string, accessToken = token): Promise<string> =>
  seedConnectedIntegration(orm, secretKeyringFromConfig(config), {
    orgId: org,
    userId: owner,
    provider: 'slack',
    credentials: { kind: 'oauth2', accessToken },
  });

beforeAll(async () => {
  db = await createTestDatabase('int_actions');
  orm = await createOrm({ url: db.appUrl, entities });
  slack = await startSlackServer({ token, users: [{ id: 'U7', name: 'grace', email: 'grace@example.com' }] });
  config = loadIntegrationConfig({ ...process.env, REDIS_PREFIX: uniqueName('int_actions'), CONNECTOR_SLACK_API_URL: slack.url });
  redis = createRedis(loadConfig().REDIS_URL);
  const sink = new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) });
  const logger = pino({ level: 'debug' }, sink);
  server = await startIntegrationServer({ orm, logger, redis, config });
});

afterAll(async () => {
  await server.stop();
  const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await slack.close();
  await orm.close(true);
  await db.drop();
});

it('names what to connect when the organization has no connected integration', async () => {
  await expect(run({}, randomUUID())).resolves.toEqual({
    outcome: 'not_connected',
    message: 'INTEGRATION_NOT_CONNECTED: connect Slack for this organization',
  });
});

it('posts once per idempotency key: a repeat answers the first output without calling Slack', async () => {
  const integrationId = await connectSlack(orgId);
  const key = `${randomUUID()}:post`;
  const first = await run({ idempotencyKey: key });
  expect(first).toMatchObject({ outcome: 'succeeded', integrationId, replayed: false, output: { channel: '#reviews' } });
  const before = slack.messages.length;
  await expect(run({ idempotencyKey: key })).resolves.toEqual({ ...first, replayed: true });
  await expect(Promise.all([run({ idempotencyKey: key }), run({ idempotencyKey: key })])).resolves.toEqual([
    { ...first, replayed: true },
    { ...first, replayed: true },
  ]);
  expect(slack.messages.length).toBe(before);
  // Two first attempts racing (a step resumed while its first attempt still runs): one call.
  const raced = `${randomUUID()}:post`;
  slack.delayNext(1, 500);
  const firstAttempt = run({ idempotencyKey: raced });
  await new Promise((resolve) => setTimeout(resolve, 100));
  const outcomes = (await Promise.all([firstAttempt, run({ idempotencyKey: raced })])).map((o) => o.outcome).sort();
  expect(outcomes).toEqual(['retry_later', 'succeeded']);
  expect(slack.messages.length).toBe(before + 1);
});

it('refuses bad input and unknown actions as final, naming the problem', async () => {
  await expect(run({ input: { channel: '#reviews' } })).resolves.toMatchObject({
    outcome: 'rejected',
    message: expect.stringContaining('Invalid input for slack.post_message: text:'),
  });
  await expect(run({ action: 'delete_workspace' })).resolves.toMatchObject({
    outcome: 'rejected',
    message: 'Slack has no action delete_workspace (it has post_message, lookup_user)',
  });
});

it("turns Slack's 429 into a wait, and holds every later call of the account until it passes", async () => {
  const org = randomUUID();
  await connectSlack(org);
  slack.rateLimitNext(1, 30);
  const limited = await run({}, org);
  expect(limited).toMatchObject({ outcome: 'retry_later', retryAfterMs: 30_000 });
  const sent = slack.received.length;
  // The provider asked for 30 s: nobody calls for this account before then.
  await expect(run({}, org)).resolves.toMatchObject({ outcome: 'retry_later', retryAfterMs: expect.any(Number) });
  expect(slack.received.length).toBe(sent);
});

it('shares one per-account budget across processes and never lets more through', async () => {
  const policy = { requests: 5, perSeconds: 60 };
  const prefix = uniqueName('rate');
  const workers = [new AccountRateLimiter(redis, prefix), new AccountRateLimiter(redis, prefix)];
  const decisions = await Promise.all(Array.from({ length: 20 }, (_, i) => workers[i % 2]!.take('slack', policy, 'account-1')));
  expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  const denied = decisions.find((d) => !d.allowed);
  expect(denied).toMatchObject({ allowed: false, retryAfterMs: expect.any(Number) });
  // Another account has its own budget.
  await expect(workers[0]!.take('slack', policy, 'account-2')).resolves.toEqual({ allowed: true });
  // A sliding window: a slot frees exactly when the oldest call of the window ages out.
  const quick = { requests: 2, perSeconds: 1 };
  await workers[0]!.take('slack', quick, 'account-3');
  await workers[1]!.take('slack', quick, 'account-3');
  const wait = await workers[0]!.take('slack', quick, 'account-3');
  expect(wait).toMatchObject({ allowed: false });
  const waitMs = (wait as { retryAfterMs: number }).retryAfterMs;
  expect(waitMs).toBeGreaterThan(0);
  expect(waitMs).toBeLessThanOrEqual(1000);
  await new Promise((resolve) => setTimeout(resolve, waitMs + 20));
  await expect(workers[1]!.take('slack', quick, 'account-3')).resolves.toEqual({ allowed: true });
  const keys = await redis.keys(`${prefix}:*`);
  await redis.del(...keys);
});

it('opens the circuit after repeated outages, failing fast without calling Slack', async () => {
  const org = randomUUID();
  await connectSlack(org);
  slack.outageNext(5);
  for (let i = 0; i < 5; i += 1) await expect(run({}, org)).resolves.toMatchObject({ outcome: 'unavailable' });
  const sent = slack.received.length;
  const open = await run({}, org);
  expect(open).toMatchObject({ outcome: 'unavailable', message: expect.stringContaining('Circuit open for slack:') });
  expect(slack.received.length).toBe(sent);
});

it('retries an idempotent action through a brief outage, and never retries one that is not', async () => {
  const org = randomUUID();
  await connectSlack(org);
  slack.outageNext(1);
  await expect(run({ action: 'lookup_user', input: { email: 'grace@example.com' } }, org)).resolves.toMatchObject({
    outcome: 'succeeded',
    output: { id: 'U7' },
  });
  const before = slack.received.length;
  slack.outageNext(1);
  await expect(run({}, org)).resolves.toMatchObject({ outcome: 'unavailable' });
  // One call: a post that may have reached Slack is not sent again by this layer.
  expect(slack.received.length).toBe(before + 1);
});

it('answers a revoked token as final, and the token appears in no answer and no log line', async () => {
  const org = randomUUID();
  const revoked = `xoxb-revoked-${randomUUID()}`;
  await connectSlack(org, revoked);
  const answer = await run({}, org);
  expect(answer).toMatchObject({ outcome: 'rejected', message: expect.stringContaining('connect Slack again') });
  const everything = JSON.stringify(answer) + logLines.join('');
  expect(everything).not.toContain(revoked);
  expect(everything).not.toContain(token);
  // At rest too: the owner connection sees every organization's rows, and none holds a token in clear.
  const ownerDb = new Client({ connectionString: db.ownerUrl });
  await ownerDb.connect();
  const { rows } = await ownerDb.query<{ secret: string }>('select secret from integration.credentials');
  await ownerDb.end();
  expect(rows.length).toBeGreaterThan(0);
  for (const { secret } of rows) expect(secret).toMatch(/^k1:[^.]+\./);
  expect(JSON.stringify(rows)).not.toContain('xoxb');
});
