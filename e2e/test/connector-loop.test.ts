/**
 * The loop a new user walks, end to end through the gateway: events → a suggestion ("Post to
 * Slack when a PR is opened") → accepted with activation → Slack connected through a real OAuth
 * server → a GitHub webhook signed as GitHub signs it → the workflow runs in a real worker
 * process → the local Slack receives exactly one message, although the worker is killed while
 * the Slack call is in flight and the webhook is delivered twice. Credentials never leave
 * Integration: the Slack token is in no Redis key (queue jobs, streams) and no answer.
 */
import type { ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, RedisPubSub, type Redis } from '@flowgraph/kernel';
import { freePort, until } from '@flowgraph/kernel/testing';
import { EventRelay } from '@flowgraph/core/testing';
import { entities as analyticsEntities } from '@flowgraph/analytics';
import {
  createSuggestionListener,
  loadAnalyticsConfig,
  startTestWorkers,
  suggestionSettings,
  SuggestionFeed,
  WorkflowClient,
  type TestWorkers,
} from '@flowgraph/analytics/testing';
import {
  startSlackServer,
  startTestAuthorizationServer,
  TestBrowser,
  type SlackServer,
  type TestAuthorizationServer,
} from '@flowgraph/integration/testing';
import { killProcess, startWorkflowWorkerProcess } from '@flowgraph/workflow/testing';
import { identitySecret, post, startFederation, type Federation } from '../support/federation-kit';
import { prThenReviewPostSessions, signUp, type TestUser } from '../support/live-kit';

const WEB_APP_URL = 'http://web.flowgraph.test';
const CLIENT = { id: 'flowgraph-e2e', secret: 'flowgraph-e2e-secret' };
const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');

let federation: Federation;
let provider: TestAuthorizationServer;
let slack: SlackServer;
let redis: Redis;
let relayOrm: MikroORM;
let analyticsOrm: MikroORM;
let relay: EventRelay;
let analytics: TestWorkers;
let worker: ChildProcess | undefined;
let user: TestUser;

const gateway = <T>(query: string, variables: Record<string, unknown> = {}) =>
  post<T>(federation.gateway.url, query, variables, user.headers);

beforeAll(async () => {
  // The OAuth redirect URI names the gateway, so its port is chosen before either starts.
  const gatewayPort = await freePort();
  const publicUrl = `http://127.0.0.1:${gatewayPort}`;
  provider = await startTestAuthorizationServer({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    redirectUri: `${publicUrl}/oauth/callback`,
    scopes: ['chat:write', 'users:read', 'users:read.email', 'repo'],
    accessTokenTtl: 3600,
  });
  // The Slack API honours exactly the tokens the authorization server issued and still honours.
  slack = await startSlackServer({ token: (token) => provider.isActive(token) });
  const oauthClient = (id: string) => ({
    [`CONNECTOR_${id}_AUTHORIZE_URL`]: provider.authorizeUrl,
    [`CONNECTOR_${id}_TOKEN_URL`]: provider.tokenUrl,
    [`CONNECTOR_${id}_REVOKE_URL`]: provider.revokeUrl,
    [`CONNECTOR_${id}_CLIENT_ID`]: CLIENT.id,
    [`CONNECTOR_${id}_CLIENT_SECRET`]: CLIENT.secret,
  });
  federation = await startFederation(
    {},
    {
      gatewayPort,
      integrationEnv: {
        PUBLIC_URL: publicUrl,
        WEB_APP_URL,
        CONNECTOR_SLACK_API_URL: slack.url,
        ...oauthClient('SLACK'),
        ...oauthClient('GITHUB'),
      },
    },
  );
  const prefix = federation.config.REDIS_PREFIX;
  redis = createRedis(federation.config.REDIS_URL);
  // Core's outbox relay puts stored events on the stream that analytics and the workflow triggers read.
  relayOrm = await createOrm({ url: federation.db.appUrl, entities: [], poolMax: 2 });
  relay = new EventRelay({ orm: relayOrm, redis, redisPrefix: prefix, logger: quiet(), intervalMs: 20 });
  relay.start();
  const config = loadAnalyticsConfig({ ...process.env, REDIS_PREFIX: prefix });
  analyticsOrm = await createOrm({ url: federation.db.appUrl, entities: analyticsEntities, poolMax: 4 });
  analytics = await startTestWorkers({
    orm: analyticsOrm,
    redis,
    logger: quiet(),
    config,
    patternListener: createSuggestionListener({
      workflow: new WorkflowClient({ origin: new URL(federation.urls.workflow).origin, identitySecret }),
      feed: new SuggestionFeed(new RedisPubSub(redis), prefix),
      logger: quiet(),
      ...suggestionSettings(config),
    }),
  });
  user = await signUp(federation.gateway.url);
});

afterAll(async () => {
  if (worker) await killProcess(worker, 'SIGKILL');
  await analytics?.close();
  await relay?.stop();
  redis?.disconnect();
  await analyticsOrm?.close(true);
  await relayOrm?.close(true);
  await federation?.stop();
  await slack?.close();
  await provider?.stop();
});

const workerEnv = () => ({
  DATABASE_URL: federation.db.ownerUrl,
  REDIS_PREFIX: federation.config.REDIS_PREFIX,
  CORE_ORIGIN: new URL(federation.urls.core).origin,
  INTEGRATION_ORIGIN: new URL(federation.urls.integration).origin,
  // A killed worker's execution is picked up again within a few seconds.
  WORKFLOW_LOCK_DURATION_MS: '2000',
  WORKFLOW_STALLED_INTERVAL_MS: '1000',
});

/** Connects `provider` through the OAuth server in a browser; answers the integration id. */
async function connectThroughOAuth(connector: 'SLACK' | 'GITHUB', displayName: string): Promise<string> {
  const started = await gateway<{ connectIntegration: { integration: { id: string; status: string }; authorizationUrl: string } }>(
    'mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { integration { id status } authorizationUrl } }',
    { input: { provider: connector, displayName } },
  );
  expect(started.errors).toBeUndefined();
  const { integration, authorizationUrl } = started.data!.connectIntegration;
  expect(integration.status).toBe('PENDING');
  const landed = await new TestBrowser().navigate(authorizationUrl, WEB_APP_URL);
  expect(landed.url).toBe(`${WEB_APP_URL}/integrations/${integration.id}?status=connected`);
  return integration.id;
}

it('runs the whole loop once: suggestion, OAuth, signed webhook, worker killed mid-step, one Slack message', async () => {
  // 1. Six sessions in which a PR opened on GitHub is followed by a post in #reviews.
  const events = prThenReviewPostSessions();
  const ingested = await gateway<{ ingestEvents: { createdCount: number } }>(
    'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }',
    { events },
  );
  expect(ingested.data?.ingestEvents.createdCount).toBe(12);

  // 2. The suggestion, accepted with activation: the workflow is published with its GitHub trigger.
  const suggestion = await until(async () => {
    const result = await gateway<{ me: { suggestions: { edges: { node: { id: string; parameters: Record<string, string> } }[] } } }>(
      'query { me { suggestions(first: 5) { edges { node { id parameters } } } } }',
    );
    return result.data?.me.suggestions.edges[0]?.node;
  }, 30_000);
  expect(suggestion.parameters).toEqual({ channel: '#reviews' });
  const accepted = await gateway<{ acceptSuggestion: { workflow: { id: string; isActive: boolean } } }>(
    'mutation($id: ID!) { acceptSuggestion(id: $id, input: { activate: true }) { workflow { id isActive } } }',
    { id: suggestion.id },
  );
  expect(accepted.errors).toBeUndefined();
  expect(accepted.data!.acceptSuggestion.workflow.isActive).toBe(true);
  const workflowId = accepted.data!.acceptSuggestion.workflow.id;

  // 3. Slack and GitHub connected through the OAuth server; GitHub's webhook secret revealed.
  await connectThroughOAuth('SLACK', 'Team Slack');
  const githubId = await connectThroughOAuth('GITHUB', 'acme on GitHub');
  const webhook = await gateway<{ revealIntegrationWebhook: { url: string; secret: string } }>(
    'mutation($id: ID!) { revealIntegrationWebhook(id: $id) { url secret } }',
    { id: githubId },
  );
  expect(webhook.errors).toBeUndefined();
  const { url, secret } = webhook.data!.revealIntegrationWebhook;
  expect(url).toBe(`${federation.gateway.url.replace(/\/graphql$/, '')}/webhooks/github/${githubId}`);

  // 4. A worker; Slack answers slowly, so the worker can be killed while the message is in flight.
  worker = await startWorkflowWorkerProcess(workerEnv());
  slack.delayNext(1, 3000);
  const body = JSON.stringify({
    action: 'opened',
    number: 42,
    pull_request: { number: 42, title: 'Add retries', html_url: 'https://github.com/acme/api/pull/42', user: { login: 'ada' } },
    repository: { full_name: 'acme/api' },
  });
  const delivery = randomUUID();
  const deliver = () =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': delivery,
        // As GitHub signs: HMAC-SHA256 of the raw body with the webhook secret, hex, prefixed.
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
      body,
    });
  const first = await deliver();
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ status: 'recorded', eventId: expect.any(String) });
  const again = await deliver();
  expect(again.status).toBe(200);
  expect(await again.json()).toMatchObject({ status: 'duplicate' });

  await until(() => slack.received.some((r) => r.path === '/chat.postMessage'), 30_000, 'the Slack call');
  await killProcess(worker, 'SIGKILL');
  worker = await startWorkflowWorkerProcess(workerEnv());

  // 5. The execution finishes; Slack got the message once.
  type Executions = {
    executions: {
      edges: { node: { status: string; error: string | null; steps: { stepId: string; status: string; attempts: number }[] } }[];
    };
  };
  const executions = await until(async () => {
    const result = await gateway<Executions>(
      'query($id: ID!) { executions(workflowId: $id, first: 5) { edges { node { status error steps { stepId status attempts } } } } }',
      { id: workflowId },
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data?.executions.edges.map((e) => e.node) ?? [];
    return nodes.length > 0 && nodes.every((n) => n.status === 'SUCCEEDED' || n.status === 'FAILED') ? nodes : undefined;
  }, 60_000);
  expect(executions).toHaveLength(1);
  expect(executions[0]).toMatchObject({ status: 'SUCCEEDED' });
  // The killed worker's attempt counts; the second one got the first call's answer from the ledger.
  expect(executions[0]!.steps.find((step) => step.stepId === 'post')).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
  expect(slack.messages).toHaveLength(1);
  expect(slack.messages[0]).toMatchObject({ channel: '#reviews', text: 'New PR: Add retries https://github.com/acme/api/pull/42' });

  // 6. The token the connector sent is in no queue job, stream entry or other Redis value.
  const token = String(slack.received.find((r) => r.path === '/chat.postMessage')!.headers.authorization).replace('Bearer ', '');
  expect(token.length).toBeGreaterThan(10);
  const keys = await redis.keys(`${federation.config.REDIS_PREFIX}*`);
  let scanned = 0;
  for (const key of keys) {
    const type = await redis.type(key);
    const dump =
      type === 'string'
        ? await redis.get(key)
        : type === 'hash'
          ? JSON.stringify(await redis.hgetall(key))
          : type === 'stream'
            ? JSON.stringify(await redis.xrange(key, '-', '+'))
            : type === 'list'
              ? JSON.stringify(await redis.lrange(key, 0, -1))
              : '';
    if (dump) scanned += 1;
    expect(dump ?? '').not.toContain(token);
  }
  expect(scanned).toBeGreaterThan(0);
}, 240_000);
