import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  createLogger,
  createOrm,
  createRedis,
  inScopedTransaction,
  loadConfig,
  secretKeyringFromConfig,
  type Identity,
  type RunningServer,
  type SecretKeyring,
} from '@flowgraph/kernel';
import { createTestDatabase, freePort, uniqueName, until, type TestDatabase } from '@flowgraph/kernel/testing';
import { loadIntegrationConfig, type IntegrationConfig } from '../src/config';
import { entities } from '../src/entities';
import { AccountRateLimiter } from '../src/modules/actions/account-rate-limiter';
import { ActionService } from '../src/modules/actions/action.service';
import { ConnectorBreakers } from '../src/modules/actions/connector-breakers';
import { slackConnector } from '../src/modules/connectors/slack/slack.connector';
import { CredentialStore, type StoredCredentials } from '../src/modules/credentials/credential-store';
import { oauthClientOf, type OAuthCredentials } from '../src/modules/oauth/oauth-client';
import { OAuthTokenRefresher } from '../src/modules/oauth/oauth-token-refresher';
import { OAuthService } from '../src/modules/oauth/oauth.service';
import { createHealthModule } from '../src/modules/health/health.module';
import { startIntegrationServer } from '../src/server';
import { startSlackServer, type SlackServer } from '../src/testing';
import { TestBrowser } from '../src/testing/browser';
import { startTestAuthorizationServer, type TestAuthorizationServer } from '../src/testing/oauth-provider';

const WEB_APP_URL = 'http://web.flowgraph.test';
const ACCESS_TOKEN_TTL_SECONDS = 4;
const logger = createLogger('integration', process.env.TEST_LOG ?? 'silent');

let db: TestDatabase;
let owner: Client;
let orm: MikroORM;
let redis: Redis;
let provider: TestAuthorizationServer;
let slack: SlackServer;
let config: IntegrationConfig;
let keyring: SecretKeyring;
let server: RunningServer;
let oauth: OAuthService;
let actions: ActionService;
let publicUrl: string;

const orgA = randomUUID();
const admin: Identity = { userId: randomUUID(), orgId: orgA, role: 'admin', authMethod: 'jwt', scopes: [], requestId: 'r-1' } as Identity;

beforeAll(async () => {
  db = await createTestDatabase('oauth');
  owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  orm = await createOrm({ url: db.appUrl, entities });
  redis = createRedis(loadConfig().REDIS_URL);
  const port = await freePort();
  publicUrl = `http://127.0.0.1:${port}`;
  provider = await startTestAuthorizationServer({
    clientId: 'flowgraph-test',
    clientSecret: 'flowgraph-test-secret',
    redirectUri: `${publicUrl}/oauth/callback`,
    scopes: slackConnector.auth.kind === 'oauth2' ? slackConnector.auth.scopes : [],
    // Short, so tokens really expire during the tests.
    accessTokenTtl: ACCESS_TOKEN_TTL_SECONDS,
  });
  // The Slack API honours exactly the tokens the authorization server says are active.
  slack = await startSlackServer({
    token: (token) => provider.isActive(token),
    users: [{ id: 'U1', name: 'ada', email: 'ada@example.com' }],
  });
  config = loadIntegrationConfig({
    ...process.env,
    PUBLIC_URL: publicUrl,
    WEB_APP_URL,
    CONNECTOR_SLACK_AUTHORIZE_URL: provider.authorizeUrl,
    CONNECTOR_SLACK_TOKEN_URL: provider.tokenUrl,
    CONNECTOR_SLACK_REVOKE_URL: provider.revokeUrl,
    CONNECTOR_SLACK_API_URL: slack.url,
    CONNECTOR_SLACK_CLIENT_ID: 'flowgraph-test',
    CONNECTOR_SLACK_CLIENT_SECRET: 'flowgraph-test-secret',
  });
  keyring = secretKeyringFromConfig(config);
  server = await startIntegrationServer({ orm, logger, redis, config }, port);
  oauth = new OAuthService({ orm, keyring, config, logger });
  actions = new ActionService({
    orm,
    keyring,
    config,
    network: {},
    limiter: new AccountRateLimiter(redis, uniqueName('oauth')),
    breakers: new ConnectorBreakers(),
    tokens: new OAuthTokenRefresher({ orm, keyring, config }),
    logger,
  });
});

afterAll(async () => {
  await server.stop();
  await slack.close();
  await provider.stop();
  await redis.quit();
  await orm.close(true);
  await owner.end();
  await db.drop();
});

const flowIdOf = (authorizationUrl: string) => new URL(authorizationUrl).pathname.split('/').pop()!;
const callbackPrefix = () => `${publicUrl}/oauth/callback`;

/** Starts a flow and takes `browser` through the provider up to (not into) the callback. */
async function untilCallback(browser: TestBrowser, identity: Identity = admin) {
  const started = await oauth.start(identity, slackConnector, 'Team Slack');
  const callback = await browser.navigate(started.authorizationUrl, callbackPrefix());
  expect(callback.url.startsWith(callbackPrefix())).toBe(true);
  return { ...started, callbackUrl: callback.url, flowId: flowIdOf(started.authorizationUrl) };
}

async function connect(browser = new TestBrowser()) {
  const flow = await untilCallback(browser);
  const landing = await browser.navigate(flow.callbackUrl, WEB_APP_URL);
  expect(landing.url).toBe(`${WEB_APP_URL}/integrations/${flow.integration.id}?status=connected`);
  return flow.integration.id;
}

const scope = (identity: Identity) => ({ orgId: identity.orgId!, userId: identity.userId! });
const stored = (integrationId: string, identity: Identity = admin) =>
  inScopedTransaction(orm.em as EntityManager, scope(identity), (em) =>
    new CredentialStore(em, keyring).load(integrationId),
  ) as Promise<OAuthCredentials>;
const store = (integrationId: string, credentials: StoredCredentials) =>
  inScopedTransaction(orm.em as EntityManager, scope(admin), (em) =>
    new CredentialStore(em, keyring).save(orgA, integrationId, credentials),
  );
const integrationRow = async (id: string) =>
  (await owner.query('select status, is_active, disconnected_at from integration.user_integrations where id = $1', [id])).rows[0] as
    { status: string; is_active: boolean; disconnected_at: Date | null } | undefined;
const auditActions = async (id: string) =>
  (await owner.query('select action, metadata from integration.audit_outbox where target_id = $1 order by created_at', [id])).rows as {
    action: string;
    metadata: Record<string, unknown>;
  }[];
const lookup = (integrationId: string) =>
  actions.run(admin, {
    connector: 'slack',
    action: 'lookup_user',
    input: { email: 'ada@example.com' },
    idempotencyKey: `exec-${randomUUID()}:step`,
    integrationId,
  });
const bearersSeen = () => slack.received.map((r) => String(r.headers.authorization).replace('Bearer ', ''));

describe('connecting', () => {
  it('sends the browser to the provider with PKCE and a flow cookie, then stores the tokens encrypted and connects', async () => {
    const browser = new TestBrowser();
    const started = await oauth.start(admin, slackConnector, 'Team Slack');
    expect(started.integration).toMatchObject({ status: 'pending', isActive: false });
    expect(started.authorizationUrl).toMatch(new RegExp(`^${publicUrl}/oauth/authorize/[0-9a-f-]{36}$`));

    const authorize = await browser.get(started.authorizationUrl);
    expect(authorize.status).toBe(302);
    const toProvider = new URL(authorize.headers.get('location')!);
    expect(`${toProvider.origin}${toProvider.pathname}`).toBe(provider.authorizeUrl);
    expect(Object.fromEntries(toProvider.searchParams)).toMatchObject({
      client_id: 'flowgraph-test',
      redirect_uri: `${publicUrl}/oauth/callback`,
      scope: 'chat:write users:read users:read.email',
      code_challenge_method: 'S256',
    });
    expect(toProvider.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const flowCookie = browser.setCookies.find((line) => line.startsWith(`fg_oauth_${flowIdOf(started.authorizationUrl)}=`))!;
    expect(flowCookie).toMatch(/; Path=\/oauth/);
    expect(flowCookie).toMatch(/; HttpOnly/);
    expect(flowCookie).toMatch(/; SameSite=Lax/);
    expect(flowCookie).not.toMatch(/Secure/); // PUBLIC_URL is http here

    const landing = await browser.navigate(toProvider.toString(), WEB_APP_URL);
    expect(landing.url).toBe(`${WEB_APP_URL}/integrations/${started.integration.id}?status=connected`);

    const tokens = await stored(started.integration.id);
    expect(tokens.refreshToken).toBeDefined();
    expect(Date.parse(tokens.expiresAt!) - Date.now()).toBeGreaterThan(ACCESS_TOKEN_TTL_SECONDS * 1000 - 2_000);
    expect(Date.parse(tokens.expiresAt!) - Date.now()).toBeLessThanOrEqual(ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(await provider.isActive(tokens.accessToken)).toBe(true);
    const { rows } = await owner.query('select secret from integration.credentials where integration_id = $1', [started.integration.id]);
    expect(rows[0].secret).toMatch(/^k1:/);
    expect(rows[0].secret).not.toContain(tokens.accessToken);
    expect(rows[0].secret).not.toContain(tokens.refreshToken);
    expect(await integrationRow(started.integration.id)).toMatchObject({ status: 'connected', is_active: true });
    const audit = await auditActions(started.integration.id);
    expect(audit.map((a) => a.action)).toEqual(['integration.connected']);
    expect(JSON.stringify(audit)).not.toContain(tokens.accessToken);
    // The flow is spent, and its cookie cleared.
    expect((await owner.query('select 1 from integration.oauth_flows where integration_id = $1', [started.integration.id])).rowCount).toBe(
      0,
    );
    expect(browser.cookiesOf(publicUrl).size).toBe(0);

    expect(await lookup(started.integration.id)).toMatchObject({ outcome: 'succeeded', output: { id: 'U1' } });
  });

  it('refuses starting for a member and for a connector without an OAuth client', async () => {
    await expect(oauth.start({ ...admin, role: 'member' } as Identity, slackConnector, 'Slack')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    const unconfigured = new OAuthService({ orm, keyring, config: { ...config, CONNECTOR_SLACK_CLIENT_ID: undefined }, logger });
    await expect(unconfigured.start(admin, slackConnector, 'Slack')).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
  });

  it('refuses opening a link twice, or after it expired', async () => {
    const browser = new TestBrowser();
    const started = await oauth.start(admin, slackConnector, 'Slack');
    expect((await browser.get(started.authorizationUrl)).status).toBe(302);
    const again = await browser.get(started.authorizationUrl);
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/already opened/);

    const late = await oauth.start(admin, slackConnector, 'Slack');
    await owner.query(`update integration.oauth_flows set expires_at = now() - interval '1 second' where id = $1`, [
      flowIdOf(late.authorizationUrl),
    ]);
    const expired = await browser.get(late.authorizationUrl);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    expect((await browser.get(`${publicUrl}/oauth/authorize/${randomUUID()}`)).status).toBe(404);
  });
});

describe('refusing a callback', () => {
  it('refuses a replayed state', async () => {
    const browser = new TestBrowser();
    const flow = await untilCallback(browser);
    expect((await browser.navigate(flow.callbackUrl, WEB_APP_URL)).url).toContain('status=connected');
    const replay = await browser.navigate(flow.callbackUrl, WEB_APP_URL);
    expect(replay.url).toBe(`${WEB_APP_URL}/integrations?status=failed&reason=invalid_state`);
    expect(await integrationRow(flow.integration.id)).toMatchObject({ status: 'connected' });
  });

  it('refuses a state from another user’s browser, with no cookie or a forged one', async () => {
    const attacker = { ...admin, userId: randomUUID(), orgId: randomUUID() } as Identity;
    // Login CSRF: the attacker authorises their own account and hands the callback URL to a victim.
    const planted = await untilCallback(new TestBrowser(), attacker);
    const victim = new TestBrowser();
    const landing = await victim.navigate(planted.callbackUrl, WEB_APP_URL);
    expect(landing.url).toBe(`${WEB_APP_URL}/integrations?status=failed&reason=browser_mismatch`);

    const forged = await untilCallback(new TestBrowser(), attacker);
    const answer = await fetch(forged.callbackUrl, { redirect: 'manual', headers: { cookie: `fg_oauth_${forged.flowId}=forged` } });
    expect(answer.headers.get('location')).toBe(`${WEB_APP_URL}/integrations?status=failed&reason=browser_mismatch`);

    for (const id of [planted.integration.id, forged.integration.id]) {
      expect(await integrationRow(id)).toMatchObject({ status: 'pending', is_active: false });
      expect((await owner.query('select 1 from integration.credentials where integration_id = $1', [id])).rowCount).toBe(0);
    }
  });

  it('refuses an expired flow', async () => {
    const browser = new TestBrowser();
    const flow = await untilCallback(browser);
    await owner.query(`update integration.oauth_flows set expires_at = now() - interval '1 second' where id = $1`, [flow.flowId]);
    const landing = await browser.navigate(flow.callbackUrl, WEB_APP_URL);
    expect(landing.url).toBe(`${WEB_APP_URL}/integrations/${flow.integration.id}?status=failed&reason=expired`);
    expect(await integrationRow(flow.integration.id)).toMatchObject({ status: 'pending' });
  });
});

describe('refreshing', () => {
  it('refreshes a token about to expire before the call', async () => {
    const id = await connect();
    const before = await stored(id);
    // Within the refresh margin but still honoured: the refresh happens before expiry.
    expect(await provider.isActive(before.accessToken)).toBe(true);
    slack.received.length = 0;
    expect(await lookup(id)).toMatchObject({ outcome: 'succeeded' });
    const after = await stored(id);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken); // rotated by the provider
    expect(bearersSeen()).toEqual([after.accessToken]);
  });

  it('refreshes once after a 401 and repeats the call', async () => {
    const id = await connect();
    const before = await stored(id);
    // Our record says the token is good for an hour; the provider lets it expire anyway.
    await store(id, { ...before, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await until(async () => !(await provider.isActive(before.accessToken)), 10_000, 'the access token to expire', 200);
    slack.received.length = 0;
    expect(await lookup(id)).toMatchObject({ outcome: 'succeeded' });
    const after = await stored(id);
    expect(bearersSeen()).toEqual([before.accessToken, after.accessToken]);
  });

  it('health checks refresh an expired token as actions do, so an hourly token is not a failing account', async () => {
    const id = await connect();
    const before = await stored(id);
    await store(id, { ...before, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await until(async () => !(await provider.isActive(before.accessToken)), 10_000, 'the access token to expire', 200);
    // Built as the integration worker builds it (workers.ts): with the refresher.
    const health = createHealthModule({ orm, config, logger, keyring, tokens: new OAuthTokenRefresher({ orm, keyring, config }) });
    try {
      await expect(health.health.check(scope(admin), id)).resolves.toMatchObject({ status: 'healthy' });
      expect((await stored(id)).accessToken).not.toBe(before.accessToken);
    } finally {
      await health.close();
    }
  });

  it('spends a rotated refresh token once when two processes refresh together', async () => {
    const id = await connect();
    const before = await stored(id);
    const processes = [1, 2].map(() => new OAuthTokenRefresher({ orm, keyring, config }));
    const results = await Promise.all(processes.map((p) => p.refresh(scope(admin), id, slackConnector, before)));
    // The second waited for the first and refreshed with the rotated token: a second use of the
    // old one would have made the provider end the grant.
    const latest = await stored(id);
    expect(results.map((r) => r.accessToken)).toContain(latest.accessToken);
    expect(await provider.isActive(latest.refreshToken!)).toBe(true);
    expect(await provider.isActive(latest.accessToken)).toBe(true);
  });

  it('uses a token another process already refreshed instead of refreshing again', async () => {
    const id = await connect();
    const before = await stored(id);
    const refreshed = await new OAuthTokenRefresher({ orm, keyring, config }).refresh(scope(admin), id, slackConnector, before);
    const longLived = { ...refreshed, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    await store(id, longLived);
    const again = await new OAuthTokenRefresher({ orm, keyring, config }).refresh(scope(admin), id, slackConnector, before);
    expect(again).toEqual(longLived);
    expect(await provider.isActive(refreshed.refreshToken!)).toBe(true); // not spent a second time
  });
});

describe('disconnecting', () => {
  it('revokes the grant, removes the credentials and marks the integration disconnected', async () => {
    const id = await connect();
    const tokens = await stored(id);
    await expect(oauth.disconnect({ ...admin, role: 'member' } as Identity, id)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });

    const integration = await oauth.disconnect(admin, id);
    expect(integration).toMatchObject({ status: 'disconnected', isActive: false });
    expect(await provider.isActive(tokens.refreshToken!)).toBe(false);
    await expect(oauthClientOf(slackConnector, config).refresh(tokens.refreshToken!)).rejects.toMatchObject({
      name: 'ProviderError',
      failure: 'unauthorized',
    });
    expect(await stored(id)).toBeNull();
    const row = await integrationRow(id);
    expect(row).toMatchObject({ status: 'disconnected', is_active: false });
    expect(row?.disconnected_at).toBeInstanceOf(Date);
    const audit = await auditActions(id);
    expect(audit.at(-1)).toMatchObject({ action: 'integration.disconnected', metadata: { connector: 'slack', revoked: true } });
    expect(await lookup(id)).toMatchObject({ outcome: 'not_connected' });
  });

  it('answers a refused refresh as unauthorized', async () => {
    const id = await connect();
    const tokens = await stored(id);
    await oauthClientOf(slackConnector, config).revoke(tokens);
    await expect(new OAuthTokenRefresher({ orm, keyring, config }).refresh(scope(admin), id, slackConnector, tokens)).rejects.toMatchObject(
      {
        name: 'ProviderError',
        failure: 'unauthorized',
      },
    );
  });
});
