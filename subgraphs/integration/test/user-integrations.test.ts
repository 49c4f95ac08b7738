import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, createRedis, inScopedTransaction, loadConfig, type Redis, type RunningServer } from '@flowgraph/kernel';
import { createTestDatabase, hydratedAsPlain, postGraphQL, statementCounter, type TestDatabase } from '@flowgraph/kernel/testing';
import { entities } from '../src/entities';
import { IntegrationEntity } from '../src/modules/integrations/integration.entity';
import { IntegrationRepository } from '../src/modules/integrations/integration.repository';
import { loadIntegrationConfig } from '../src/config';
import { startIntegrationServer } from '../src/server';

const secret = loadConfig().IDENTITY_SECRET;
let db: TestDatabase;
let orm: MikroORM;
let server: RunningServer;
let redis: Redis;

const orgA = randomUUID();
const orgB = randomUUID();
const admin = { userId: randomUUID(), orgId: orgA, role: 'admin' as const };

interface IntegrationView {
  id: string;
  provider: string;
  displayName: string;
  isActive: boolean;
}

beforeAll(async () => {
  db = await createTestDatabase('int');
  orm = await createOrm({ url: db.appUrl, entities });
  redis = createRedis(loadConfig().REDIS_URL);
  const logger = createLogger('integration', process.env.TEST_LOG ?? 'silent');
  server = await startIntegrationServer({
    orm,
    logger,
    redis,
    config: loadIntegrationConfig({ ...process.env, CONNECTOR_GITHUB_CLIENT_ID: 'gh-client', CONNECTOR_GITHUB_CLIENT_SECRET: 'gh-secret' }),
  });
});

afterAll(async () => {
  await server.stop();
  await redis.quit();
  await orm.close(true);
  await db.drop();
});

const connect = (provider: string, displayName: string, identity: object = admin, credentials?: { name: string; value: string }[]) =>
  postGraphQL<{ connectIntegration: { integration: IntegrationView & { status: string }; authorizationUrl: string | null } }>(
    server.url,
    `mutation($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { integration { id provider displayName isActive status } authorizationUrl } }`,
    { input: { provider, displayName, credentials } },
    { identity, secret },
  );

const userIntegrations = (userIds: string[], identity: object) =>
  postGraphQL<{ _entities: { id: string; integrations: IntegrationView[] }[] }>(
    server.url,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id integrations { id provider displayName isActive } } } }`,
    { reps: userIds.map((id) => ({ __typename: 'User', id })) },
    { identity, secret },
  );

it('rejects a request without the gateway signature', async () => {
  const response = await postGraphQL(server.url, '{ __typename }', {}, { secret: null });
  expect(response.status).toBe(401);
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('lets an admin connect integrations and lists them, active first, on User.integrations', async () => {
  const github = await connect('GITHUB', 'Work GitHub');
  expect(github.errors).toBeUndefined();
  // OAuth: pending until the consent completes, through the gateway's /oauth/authorize/<flow>.
  expect(github.data?.connectIntegration.integration).toMatchObject({
    provider: 'GITHUB',
    displayName: 'Work GitHub',
    isActive: false,
    status: 'PENDING',
  });
  expect(github.data?.connectIntegration.authorizationUrl).toMatch(/^http:\/\/localhost:4000\/oauth\/authorize\/[0-9a-f-]{36}$/);
  const http = await connect('HTTP', 'Internal API');
  expect(http.data?.connectIntegration).toMatchObject({ integration: { status: 'CONNECTED', isActive: true }, authorizationUrl: null });
  const response = await userIntegrations([admin.userId], { ...admin, role: 'viewer' });
  expect(response.errors).toBeUndefined();
  expect(response.data?._entities[0].integrations.map((i) => i.provider)).toEqual(['HTTP', 'GITHUB']);
});

it('takes API-key credentials without ever echoing them, validates them, replaces them, and disconnects', async () => {
  const secretKey = `secret-${randomUUID()}`;
  const missing = await connect('S3', 'Bucket', admin, [{ name: 'accessKeyId', value: 'AKIA1' }]);
  expect(missing.errors?.[0]?.extensions).toMatchObject({
    code: 'VALIDATION_ERROR',
    details: expect.arrayContaining([expect.objectContaining({ field: expect.stringMatching(/^credentials\./) })]),
  });
  const unknownField = await connect('HTTP', 'Api', admin, [{ name: 'password', value: secretKey }]);
  expect(unknownField.errors?.[0]?.extensions?.details).toEqual([{ field: 'credentials.password', message: 'Not a credential of HTTP' }]);
  expect(JSON.stringify(unknownField)).not.toContain(secretKey);
  const oauthWithKey = await connect('GITHUB', 'Gh', admin, [{ name: 'token', value: secretKey }]);
  expect(oauthWithKey.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  const s3 = await connect('S3', 'Bucket', admin, [
    { name: 'accessKeyId', value: 'AKIAIOSFODNN7EXAMPLE' },
    { name: 'secretAccessKey', value: secretKey },
    { name: 'region', value: 'eu-west-1' },
  ]);
  expect(s3.errors).toBeUndefined();
  expect(JSON.stringify(s3)).not.toContain(secretKey);
  const id = s3.data!.connectIntegration.integration.id;
  const rotated = await postGraphQL<{ updateIntegrationCredentials: { integration: { id: string } } }>(
    server.url,
    `mutation($input: UpdateIntegrationCredentialsInput!) { updateIntegrationCredentials(input: $input) { integration { id } } }`,
    {
      input: {
        id,
        credentials: [
          { name: 'accessKeyId', value: 'AKIAIOSFODNN7EXAMPL2' },
          { name: 'secretAccessKey', value: `${secretKey}-2` },
          { name: 'region', value: 'eu-west-1' },
        ],
      },
    },
    { identity: admin, secret },
  );
  expect(rotated.errors).toBeUndefined();
  const disconnected = await postGraphQL<{
    disconnectIntegration: { integration: { status: string; isActive: boolean; disconnectedAt: string } };
  }>(
    server.url,
    `mutation($id: ID!) { disconnectIntegration(id: $id) { integration { status isActive disconnectedAt } } }`,
    { id },
    { identity: admin, secret },
  );
  expect(disconnected.data?.disconnectIntegration.integration).toMatchObject({
    status: 'DISCONNECTED',
    isActive: false,
    disconnectedAt: expect.any(String),
  });
  const owner = new Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const { rows } = await owner.query('select 1 from integration.credentials where integration_id = $1', [id]);
  const audit = await owner.query<{ action: string; metadata: unknown }>(
    'select action, metadata from integration.audit_outbox where target_id = $1',
    [id],
  );
  await owner.end();
  expect(rows).toEqual([]);
  expect(audit.rows.map((r) => r.action)).toEqual(
    expect.arrayContaining([
      'integration.connectIntegration',
      'integration.updateIntegrationCredentials',
      'integration.disconnectIntegration',
    ]),
  );
  expect(JSON.stringify(audit.rows)).not.toContain(secretKey);
});

it('resolves Query.integration and Integration references in the caller’s organization only', async () => {
  const created = await connect('HTTP', 'Ops Slack');
  const id = created.data!.connectIntegration.integration.id;
  const query = 'query($id: ID!) { integration(id: $id) { displayName owner { id } } }';
  const own = await postGraphQL<{ integration: { displayName: string; owner: { id: string } } | null }>(
    server.url,
    query,
    { id },
    { identity: admin, secret },
  );
  expect(own.data?.integration).toEqual({ displayName: 'Ops Slack', owner: { id: admin.userId } });
  const other = await postGraphQL<{ integration: unknown }>(
    server.url,
    query,
    { id },
    { identity: { userId: randomUUID(), orgId: orgB, role: 'owner' }, secret },
  );
  expect(other.errors).toBeUndefined();
  expect(other.data?.integration).toBeNull();
  const malformed = await postGraphQL<{ integration: unknown }>(server.url, query, { id: 'not-a-uuid' }, { identity: admin, secret });
  expect(malformed.errors?.[0]?.extensions).toMatchObject({
    code: 'VALIDATION_ERROR',
    details: [{ field: 'id', message: 'Must be a UUID' }],
  });
});

it('refuses connecting to a member and to an anonymous caller, and validates the display name', async () => {
  const denied = await connect('S3', 'Bucket', { ...admin, role: 'member' });
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const anonymous = await connect('S3', 'Bucket', {});
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const invalid = await connect('S3', '   ');
  expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'displayName' }] });
  const unknownProvider = await connect('FTP', 'Old server');
  expect(unknownProvider.status).toBe(400);
});

it('refuses an API key without the integrations:write scope', async () => {
  const denied = await connect('HTTP', 'Webhook', { ...admin, authMethod: 'api_key', scopes: ['integrations:read'] });
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const allowed = await connect('HTTP', 'Webhook', { ...admin, authMethod: 'api_key', scopes: ['integrations:write'] });
  expect(allowed.errors).toBeUndefined();
});

it('never shows another organization’s integrations', async () => {
  const response = await userIntegrations([admin.userId], { userId: randomUUID(), orgId: orgB, role: 'owner' });
  expect(response.errors).toBeUndefined();
  expect(response.data?._entities[0].integrations).toEqual([]);
});

it('loads integrations of 1 and of 50 users with the same number of statements', async () => {
  const counter = statementCounter(orm);
  const one = await userIntegrations([admin.userId], admin);
  const forOne = counter.count();
  expect(forOne).toBeGreaterThan(0);
  counter.reset();
  const many = await userIntegrations([admin.userId, ...Array.from({ length: 49 }, () => randomUUID())], admin);
  expect(counter.count()).toBe(forOne);
  expect(many.data?._entities).toHaveLength(50);
  expect(many.data?._entities[0].integrations).toEqual(one.data?._entities[0].integrations);
});

it('answers a query with its selects alone (no BEGIN, no COMMIT) and runs a mutation in one scoped transaction', async () => {
  const counter = statementCounter(orm);
  const listed = await userIntegrations([admin.userId], admin);
  expect(listed.errors).toBeUndefined();
  // One select, sent with the caller's scope and READ ONLY in the same message (kernel test scoped-begin).
  expect(counter.statements).toHaveLength(1);
  expect(counter.statements[0]).toMatch(/^select /);
  counter.reset();
  const connected = await connect('HTTP', 'Hooks');
  expect(connected.errors).toBeUndefined();
  expect(counter.statements[0]).toMatch(/^begin; select set_config\('app.org_id'/);
  expect(counter.statements.at(-1)).toBe('COMMIT;');
});

it('lists the connector catalog with actions, scopes and JSON Schemas of their input', async () => {
  const response = await postGraphQL<{
    connectors: {
      id: string;
      authKind: string;
      scopes: string[];
      credentialFields: string[];
      actions: { name: string; idempotent: boolean; inputSchema: { properties: Record<string, unknown>; required?: string[] } }[];
    }[];
  }>(
    server.url,
    `{ connectors { id authKind scopes credentialFields actions { name idempotent inputSchema } } }`,
    {},
    { identity: { ...admin, role: 'viewer' }, secret },
  );
  expect(response.errors).toBeUndefined();
  const byId = new Map(response.data!.connectors.map((c) => [c.id, c]));
  expect([...byId.keys()].sort()).toEqual(['DROPBOX', 'GITHUB', 'GITLAB', 'GOOGLE_DRIVE', 'HTTP', 'S3', 'SLACK', 'TEAMS']);
  const slack = byId.get('SLACK')!;
  expect(slack).toMatchObject({ authKind: 'OAUTH2', scopes: expect.arrayContaining(['chat:write']), credentialFields: [] });
  const post = slack.actions.find((a) => a.name === 'post_message')!;
  expect(post.idempotent).toBe(false);
  expect(Object.keys(post.inputSchema.properties)).toEqual(expect.arrayContaining(['channel', 'text']));
  expect(post.inputSchema.required).toEqual(expect.arrayContaining(['channel', 'text']));
  expect(byId.get('S3')).toMatchObject({
    authKind: 'API_KEY',
    credentialFields: expect.arrayContaining(['accessKeyId', 'secretAccessKey']),
  });
  for (const connector of byId.values()) expect(connector.actions.length).toBeGreaterThanOrEqual(2);
});

it("pages through the organization's integrations newest first, filtered by connector and status", async () => {
  const org = randomUUID();
  const owner = { userId: randomUUID(), orgId: org, role: 'admin' as const };
  for (const name of ['a', 'b', 'c']) expect((await connect('HTTP', name, owner)).errors).toBeUndefined();
  expect((await connect('GITHUB', 'pending', owner)).errors).toBeUndefined();
  const page = (after: string | null) =>
    postGraphQL<{
      integrations: { edges: { node: { displayName: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(
      server.url,
      `query($after: String) { integrations(first: 2, after: $after, connector: HTTP, status: CONNECTED) { edges { node { displayName status } } pageInfo { hasNextPage endCursor } } }`,
      { after },
      { identity: owner, secret },
    );
  const first = await page(null);
  expect(first.data?.integrations.edges.map((e) => e.node.displayName)).toEqual(['c', 'b']);
  expect(first.data?.integrations.pageInfo.hasNextPage).toBe(true);
  const second = await page(first.data!.integrations.pageInfo.endCursor);
  expect(second.data?.integrations.edges).toEqual([{ node: { displayName: 'a', status: 'CONNECTED' } }]);
  expect(second.data?.integrations.pageInfo.hasNextPage).toBe(false);
});

it("reveals an integration's webhook URL and secret to admins, and stores a provider-chosen secret without echoing it", async () => {
  const id = (await connect('HTTP', 'Hooks')).data!.connectIntegration.integration.id;
  const reveal = (identity: object = admin) =>
    postGraphQL<{ revealIntegrationWebhook: { url: string; secret: string; integration: { id: string } } }>(
      server.url,
      'mutation($id: ID!) { revealIntegrationWebhook(id: $id) { url secret integration { id } } }',
      { id },
      { identity, secret },
    );
  const first = await reveal();
  expect(first.data?.revealIntegrationWebhook).toEqual({
    url: `http://localhost:4000/webhooks/http/${id}`,
    secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    integration: { id },
  });
  expect((await reveal()).data?.revealIntegrationWebhook.secret).toBe(first.data?.revealIntegrationWebhook.secret);
  expect((await reveal({ ...admin, role: 'member' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const chosen = `slack-signing-${randomUUID()}`;
  const set = await postGraphQL(
    server.url,
    'mutation($input: SetIntegrationWebhookSecretInput!) { setIntegrationWebhookSecret(input: $input) { url integration { id } } }',
    { input: { id, secret: chosen } },
    { identity: admin, secret },
  );
  expect(set.errors).toBeUndefined();
  expect(JSON.stringify(set)).not.toContain(chosen);
  expect((await reveal()).data?.revealIntegrationWebhook.secret).toBe(chosen);
  const tooShort = await postGraphQL(
    server.url,
    'mutation($input: SetIntegrationWebhookSecretInput!) { setIntegrationWebhookSecret(input: $input) { url } }',
    { input: { id, secret: 'short' } },
    { identity: admin, secret },
  );
  expect(tooShort.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'secret' }] });
});

it('tests an integration on demand and shows its health and history, to admins only', async () => {
  const id = (await connect('HTTP', 'Checked')).data!.connectIntegration.integration.id;
  const test = (identity: object = admin) =>
    postGraphQL<{
      testIntegration: {
        check: { status: string; checkedAt: string };
        integration: { health: string; healthHistory: { status: string }[] };
      };
    }>(
      server.url,
      'mutation($id: ID!) { testIntegration(id: $id) { check { status checkedAt durationMs } integration { health healthCheckedAt healthHistory { status } } } }',
      { id },
      { identity, secret },
    );
  expect((await test({ ...admin, role: 'member' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const first = await test();
  expect(first.errors).toBeUndefined();
  expect(first.data?.testIntegration.check).toMatchObject({ status: 'HEALTHY', durationMs: expect.any(Number) });
  expect(first.data?.testIntegration.integration).toMatchObject({ health: 'HEALTHY', healthHistory: [{ status: 'HEALTHY' }] });
  await test();
  const read = await postGraphQL<{ integration: { healthHistory: { status: string }[] } }>(
    server.url,
    'query($id: ID!) { integration(id: $id) { healthHistory(first: 1) { status checkedAt } } }',
    { id },
    { identity: { ...admin, role: 'viewer' }, secret },
  );
  expect(read.data?.integration.healthHistory).toHaveLength(1);
  const tooMany = await postGraphQL(
    server.url,
    'query($id: ID!) { integration(id: $id) { healthHistory(first: 21) { status } } }',
    { id },
    { identity: admin, secret },
  );
  expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'first' }] });
});

it('reads User.integrations as plain objects equal to the hydrated entities', async () => {
  const scope = { orgId: orgA, userId: randomUUID() };
  const at = new Date('2026-03-01T10:00:00.456Z');
  await inScopedTransaction(orm.em, scope, async (em) => {
    const integration = (provider: 'github' | 'slack', extra: object) =>
      em.create(IntegrationEntity, {
        id: randomUUID(),
        orgId: orgA,
        userId: scope.userId,
        provider,
        displayName: `My ${provider}`,
        isActive: true,
        status: 'connected',
        disconnectedAt: null,
        createdAt: at,
        updatedAt: at,
        ...extra,
      });
    integration('github', { healthStatus: 'degraded', healthError: 'slow answer', healthCheckedAt: at });
    integration('slack', { isActive: false, status: 'disconnected', disconnectedAt: at });
    await em.flush();
  });
  await inScopedTransaction(orm.em, scope, async (em) => {
    const listed = await new IntegrationRepository(em).listByUsers([scope.userId], 10);
    expect(listed.map((i) => i.provider)).toEqual(['github', 'slack']);
    // Nothing was hydrated: the unit of work holds no entity.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    expect(listed).toStrictEqual(
      await hydratedAsPlain(
        em,
        IntegrationEntity,
        listed.map((i) => i.id),
      ),
    );
  });
});
