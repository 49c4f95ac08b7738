import { createHmac, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import {
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  loadConfig,
  SecretKeyring,
  secretKeyringFromConfig,
  type Identity,
  type Redis,
  type RunningServer,
} from '@flowgraph/kernel';
import { createTestDatabase, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadIntegrationConfig, type IntegrationConfig } from '../src/config';
import { entities } from '../src/entities';
import { reencryptCredentials } from '../src/modules/credentials/reencrypt-credentials.job';
import { CORE_EVENT_PAYLOAD_MAX_BYTES } from '../src/modules/provider-webhooks/event-payload';
import { WebhookSecretRepository } from '../src/modules/provider-webhooks/webhook-secret.repository';
import { WebhookSecretService } from '../src/modules/provider-webhooks/webhook-secret.service';
import { startIntegrationServer } from '../src/server';
import { startCoreEventsStandIn, type CoreEventsStandIn } from './support/core-events-stand-in';

/**
 * Provider deliveries through the Integration server's `POST /webhooks/:connector/:integrationId`,
 * signed with the secret an admin gets from WebhookSecretService, recorded in a Core stand-in that
 * speaks the internal events contract (idempotent by key, like Core).
 */
let core: CoreEventsStandIn;

let db: TestDatabase;
let orm: MikroORM;
let redis: Redis;
let server: RunningServer;
let config: IntegrationConfig;

const orgId = randomUUID();
const owner = randomUUID();
const admin: Identity = { requestId: randomUUID(), orgId, userId: randomUUID(), role: 'admin', scopes: [], authMethod: 'jwt' };

beforeAll(async () => {
  core = await startCoreEventsStandIn();

  db = await createTestDatabase('intwh');
  orm = await createOrm({ url: db.appUrl, entities });
  redis = createRedis(loadConfig().REDIS_URL);
  config = loadIntegrationConfig({
    ...process.env,
    CORE_ORIGIN: core.origin,
    REDIS_PREFIX: `test-webhooks-${randomUUID()}`,
  });
  server = await startIntegrationServer({ orm, logger: createLogger('integration', process.env.TEST_LOG ?? 'silent'), redis, config });
});

afterAll(async () => {
  await server?.stop();
  const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  await orm.close(true);
  await db.drop();
  await core.close();
});

beforeEach(() => {
  core.events.length = 0;
  core.down = false;
});

async function ownerQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: db.ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A connected integration owned by `owner`, and its webhook secret as an admin gets it. */
async function integration(provider: string, status = 'connected'): Promise<{ id: string; secret: string; url: string }> {
  const id = randomUUID();
  await ownerQuery(
    `insert into integration.user_integrations (id, org_id, user_id, provider, display_name, is_active, status) values ($1, $2, $3, $4, 'Test', true, 'connected')`,
    [id, orgId, owner, provider],
  );
  const view = await inScopedTransaction(orm.em, { orgId, userId: admin.userId }, (em) =>
    new WebhookSecretService(em, secretKeyringFromConfig(config), config.PUBLIC_URL).webhookSecret(admin, id),
  );
  if (status !== 'connected') await ownerQuery('update integration.user_integrations set status = $2 where id = $1', [id, status]);
  return { id, ...view };
}

const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${server.url.replace(/\/graphql$/, '')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });

const hmac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

const pullRequestOpened = JSON.stringify({
  action: 'opened',
  number: 7,
  pull_request: {
    number: 7,
    title: 'Add webhooks',
    html_url: 'https://github.com/acme/app/pull/7',
    body: 'Closes #3',
    user: { login: 'octo' },
    merged: false,
  },
  repository: { full_name: 'acme/app', url: 'https://api.github.com/repos/acme/app' },
});

const githubHeaders = (secret: string, body: string, delivery = randomUUID(), event = 'pull_request') => ({
  'x-github-event': event,
  'x-github-delivery': delivery,
  'x-hub-signature-256': `sha256=${hmac(secret, body)}`,
});

it('gives an admin one secret per integration and the webhook URL, and refuses a member', async () => {
  const github = await integration('github');
  expect(github.url).toBe(`${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/github/${github.id}`);
  const again = await inScopedTransaction(orm.em, { orgId, userId: admin.userId }, (em) =>
    new WebhookSecretService(em, secretKeyringFromConfig(config), config.PUBLIC_URL).webhookSecret(admin, github.id),
  );
  expect(again.secret).toBe(github.secret);
  const [row] = await ownerQuery('select secret from integration.webhook_secrets where integration_id = $1', [github.id]);
  expect(String(row!.secret)).toMatch(/^k1:/);
  expect(String(row!.secret)).not.toContain(github.secret);
  await expect(
    inScopedTransaction(orm.em, { orgId, userId: admin.userId }, (em) =>
      new WebhookSecretService(em, secretKeyringFromConfig(config), config.PUBLIC_URL).webhookSecret(
        { ...admin, role: 'member' },
        github.id,
      ),
    ),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

it('records a signed GitHub pull_request delivery once, as pr.opened attributed to the owner', async () => {
  const github = await integration('github');
  const delivery = randomUUID();
  const headers = githubHeaders(github.secret, pullRequestOpened, delivery);
  const first = await post(`/webhooks/github/${github.id}`, pullRequestOpened, headers);
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ status: 'recorded' });
  expect(core.events).toHaveLength(1);
  const [{ identity, event }] = core.events;
  expect(identity).toMatchObject({ orgId, userId: owner, authMethod: 'service' });
  expect(event).toMatchObject({
    idempotencyKey: `webhook:github:${github.id}:${delivery}`,
    tool: 'github',
    eventType: 'pr.opened',
    payload: { title: 'Add webhooks', url: 'https://github.com/acme/app/pull/7', repository: 'acme/app', number: 7 },
  });
  expect((event.payload.data as { pull_request: { title: string } }).pull_request.title).toBe('Add webhooks');

  const replay = await post(`/webhooks/github/${github.id}`, pullRequestOpened, headers);
  expect(replay.status).toBe(200);
  expect(await replay.json()).toEqual({ status: 'duplicate' });
  expect(core.events).toHaveLength(1);
});

it('refuses a delivery changed by one byte with 401 and a reason, recording nothing', async () => {
  const github = await integration('github');
  const headers = githubHeaders(github.secret, pullRequestOpened);
  const tampered = pullRequestOpened.replace('Add webhooks', 'Add webhookz');
  const response = await post(`/webhooks/github/${github.id}`, tampered, headers);
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'signature_mismatch' } });
  expect(core.events).toHaveLength(0);
});

it('answers 404 alike for an unknown id, another connector and a disconnected integration', async () => {
  const github = await integration('github');
  const gone = await integration('github', 'disconnected');
  const answers = await Promise.all([
    post(`/webhooks/github/${randomUUID()}`, pullRequestOpened, githubHeaders(github.secret, pullRequestOpened)),
    post(`/webhooks/github/not-a-uuid`, pullRequestOpened, githubHeaders(github.secret, pullRequestOpened)),
    post(`/webhooks/gitlab/${github.id}`, pullRequestOpened, githubHeaders(github.secret, pullRequestOpened)),
    post(`/webhooks/teams/${github.id}`, pullRequestOpened, githubHeaders(github.secret, pullRequestOpened)),
    post(`/webhooks/github/${gone.id}`, pullRequestOpened, githubHeaders(gone.secret, pullRequestOpened)),
  ]);
  const bodies = await Promise.all(answers.map((a) => a.json() as Promise<{ error: { code: string; message: string } }>));
  expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
  expect(new Set(bodies.map((b) => `${b.error.code} ${b.error.message}`)).size).toBe(1);
  expect(core.events).toHaveLength(0);
});

it('answers 413 in the REST envelope for a body over 1 MiB', async () => {
  const github = await integration('github');
  const big = Buffer.alloc(1024 * 1024 + 1, 'a');
  const response = await post(`/webhooks/github/${github.id}`, big, { 'x-github-event': 'push', 'x-github-delivery': randomUUID() });
  expect(response.status).toBe(413);
  expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR', request_id: expect.any(String) } });
});

it('acknowledges an event type the connector does not record with 202 ignored', async () => {
  const github = await integration('github');
  const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
  const response = await post(`/webhooks/github/${github.id}`, body, githubHeaders(github.secret, body, randomUUID(), 'ping'));
  expect(response.status).toBe(202);
  expect(await response.json()).toEqual({ status: 'ignored' });
  expect(core.events).toHaveLength(0);
});

it('answers 503 with Retry-After when Core is down, and processes the provider’s redelivery', async () => {
  const github = await integration('github');
  const headers = githubHeaders(github.secret, pullRequestOpened);
  core.down = true;
  const down = await post(`/webhooks/github/${github.id}`, pullRequestOpened, headers);
  expect(down.status).toBe(503);
  expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await down.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
  core.down = false;
  const redelivery = await post(`/webhooks/github/${github.id}`, pullRequestOpened, headers);
  expect(redelivery.status).toBe(200);
  expect(await redelivery.json()).toMatchObject({ status: 'recorded' });
  expect(core.events.map((r) => r.event.eventType)).toEqual(['pr.opened']);
});

it('checks GitLab’s token and maps an opened issue to issue.opened with the template fields', async () => {
  const gitlab = await integration('gitlab');
  const body = JSON.stringify({
    object_kind: 'issue',
    user: { username: 'root' },
    project: { path_with_namespace: 'group/app' },
    object_attributes: {
      iid: 12,
      title: 'Broken build',
      description: 'It fails',
      action: 'open',
      url: 'https://gitlab.example/group/app/-/issues/12',
    },
  });
  const headers = { 'x-gitlab-event': 'Issue Hook', 'idempotency-key': randomUUID() };
  const wrong = await post(`/webhooks/gitlab/${gitlab.id}`, body, { ...headers, 'x-gitlab-token': `${gitlab.secret}x` });
  expect(wrong.status).toBe(401);
  const right = await post(`/webhooks/gitlab/${gitlab.id}`, body, { ...headers, 'x-gitlab-token': gitlab.secret });
  expect(right.status).toBe(200);
  expect(core.events.map((r) => r.event)).toEqual([
    expect.objectContaining({
      tool: 'gitlab',
      eventType: 'issue.opened',
      payload: expect.objectContaining({ iid: 12, title: 'Broken build', body: 'It fails', project: 'group/app' }),
    }),
  ]);
});

it('answers Slack’s url_verification challenge only when signed, and records a message as message.posted', async () => {
  const slack = await integration('slack');
  const now = Math.floor(Date.now() / 1000).toString();
  const slackHeaders = (body: string, secret = slack.secret) => ({
    'x-slack-request-timestamp': now,
    'x-slack-signature': `v0=${hmac(secret, `v0:${now}:${body}`)}`,
  });
  const challenge = JSON.stringify({
    token: 'legacy',
    challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    type: 'url_verification',
  });
  const forged = await post(`/webhooks/slack/${slack.id}`, challenge, slackHeaders(challenge, 'not-the-secret'));
  expect(forged.status).toBe(401);
  const answered = await post(`/webhooks/slack/${slack.id}`, challenge, slackHeaders(challenge));
  expect(answered.status).toBe(200);
  expect(await answered.json()).toEqual({ challenge: 'c-3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });

  const message = JSON.stringify({
    token: 'legacy-verification-token',
    team_id: 'T1',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event: { type: 'message', channel: 'C024BE91L', user: 'U2147483697', text: 'Deploy done', ts: '1355517523.000005' },
  });
  const response = await post(`/webhooks/slack/${slack.id}`, message, slackHeaders(message));
  expect(response.status).toBe(200);
  expect(core.events).toHaveLength(1);
  expect(core.events[0]!.event).toMatchObject({
    tool: 'slack',
    eventType: 'message.posted',
    payload: { channel: 'C024BE91L', text: 'Deploy done' },
  });
  expect(core.events[0]!.event.payload.data).not.toHaveProperty('token');
});

it('takes a generic sender’s type from X-Flowgraph-Event and trims a large payload under Core’s limit', async () => {
  const http = await integration('http');
  const body = JSON.stringify({
    status: 'failed',
    service: 'api',
    log: 'x'.repeat(40_000),
    steps: Array.from({ length: 500 }, (_, i) => ({ i })),
  });
  const response = await post(`/webhooks/http/${http.id}`, body, {
    'x-flowgraph-signature': `sha256=${hmac(http.secret, body)}`,
    'x-flowgraph-delivery': randomUUID(),
    'x-flowgraph-event': 'deploy.finished',
  });
  expect(response.status).toBe(200);
  const [{ event }] = core.events;
  expect(event).toMatchObject({
    tool: 'http',
    eventType: 'deploy.finished',
    payload: { status: 'failed', service: 'api', truncated: true },
  });
  expect(Buffer.byteLength(JSON.stringify(event.payload))).toBeLessThanOrEqual(CORE_EVENT_PAYLOAD_MAX_BYTES);
});

it('moves webhook secrets to the current key with the credential re-encryption job', async () => {
  const github = await integration('github');
  const current = secretKeyringFromConfig(config);
  const next = { id: 'next', key: Buffer.alloc(32, 7) };
  const rotated = new SecretKeyring([...config.SECRET_KEYS, next], 'next');
  const result = await reencryptCredentials(orm.em.fork(), rotated);
  expect(result.reencrypted).toBeGreaterThanOrEqual(1);
  expect(result.unreadable).toBe(0);
  const [row] = await ownerQuery('select secret from integration.webhook_secrets where integration_id = $1', [github.id]);
  expect(rotated.isCurrent(String(row!.secret))).toBe(true);
  const onlyNext = new SecretKeyring([next], 'next');
  const target = await new WebhookSecretRepository(orm.em.fork(), onlyNext).target(github.id);
  expect(target).toMatchObject({ orgId, userId: owner, connector: 'github', status: 'connected', secret: github.secret });
  expect(() => current.decrypt(String(row!.secret), `webhook:${github.id}`)).toThrow();
  expect((await reencryptCredentials(orm.em.fork(), rotated)).reencrypted).toBe(0);
});
