/**
 * Policy consent through the gateway (issue 18): a person signed up on version 1; Core and the
 * gateway move to version 2 (a second Core and gateway over the same database and Redis, as a
 * rolling deploy leaves them); the graph answers CONSENT_REQUIRED over GraphQL, REST and SSE
 * except what accepting needs; the person accepts and carries on; the records and audit rows are there.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createLogger, createOrm, createRedis, type Redis, type RunningServer } from '@flowgraph/kernel';
import { entities as coreEntities, loadCoreConfig, startCoreServer } from '@flowgraph/core';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@flowgraph/gateway';
import type { MikroORM } from '@mikro-orm/postgresql';
import { post, startFederation, type Federation } from '../support/federation-kit';

const version1 = { PRIVACY_POLICY_VERSION: '1', TERMS_OF_SERVICE_VERSION: '1' };
const version2 = { PRIVACY_POLICY_VERSION: '2', TERMS_OF_SERVICE_VERSION: '2' };
const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');

let federation: Federation;
let orm: MikroORM;
let coreRedis: Redis;
let core2: RunningServer;
let gateway2: RunningGateway;
let owner: Client;

beforeAll(async () => {
  federation = await startFederation(version1, { coreEnv: version1 });
  // Version 2 deployed: Core and the gateway with the new settings, over the same data.
  const prefix = { REDIS_PREFIX: federation.config.REDIS_PREFIX };
  const coreConfig = loadCoreConfig({ ...process.env, ...prefix, ARGON2_MEMORY_KIB: '1024', ARGON2_TIME_COST: '1', ...version2 });
  orm = await createOrm({ url: federation.db.appUrl, entities: coreEntities, poolMax: 2 });
  coreRedis = createRedis(coreConfig.REDIS_URL);
  core2 = await startCoreServer({ orm, redis: coreRedis, logger: quiet(), config: coreConfig });
  const config = loadGatewayConfig({
    ...process.env,
    ...prefix,
    CORE_URL: core2.url,
    WORKFLOW_URL: federation.urls.workflow,
    INTEGRATION_URL: federation.urls.integration,
    ANALYTICS_URL: federation.urls.analytics,
    ...version2,
  });
  gateway2 = await startGateway({ config, logger: quiet(), redis: federation.redis }, 0, '127.0.0.1');
  owner = new Client({ connectionString: federation.db.ownerUrl });
  await owner.connect();
});

afterAll(async () => {
  await owner?.end();
  await gateway2?.stop();
  await core2?.stop();
  coreRedis?.disconnect();
  await orm?.close(true);
  await federation?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const ME = '{ me { id } }';
const CONSENT = '{ policyConsent { current { privacyPolicy termsOfService } accepted { privacyPolicyVersion } required } }';
const ACCEPT = 'mutation($input: PolicyVersionsInput!) { acceptPolicies(input: $input) { accessToken } }';
const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
const rest = (gateway: RunningGateway, path: string, token: string) =>
  fetch(gateway.url.replace(/\/graphql$/, `/api/v1${path}`), { headers: bearer(token) });

it('asks a person who accepted version 1 to accept version 2, then answers again', async () => {
  const signUp = await post<{ signUp: { accessToken: string; user: { id: string } } }>(
    federation.gateway.url,
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } } }',
    {
      input: {
        email: `${randomUUID()}@example.test`,
        password: 'correct horse battery',
        name: 'Pat',
        organizationName: 'Acme',
        acceptedPolicies: { privacyPolicyVersion: '1', termsOfServiceVersion: '1' },
      },
    },
  );
  expect(signUp.errors).toBeUndefined();
  const { accessToken: token1, user } = signUp.data!.signUp;
  expect((await post(federation.gateway.url, ME, {}, bearer(token1))).data).toEqual({ me: { id: user.id } });

  // Version 2 in force: the same token is refused everywhere but what accepting needs.
  const refused = await post(gateway2.url, ME, {}, bearer(token1));
  expect(refused.status).toBe(403);
  expect(codeOf(refused)).toBe('CONSENT_REQUIRED');
  expect(refused.errors?.[0].extensions?.request_id).toEqual(expect.any(String));
  // One allowed field does not carry a refused one with it.
  expect(codeOf(await post(gateway2.url, `{ policyConsent { required } me { id } }`, {}, bearer(token1)))).toBe('CONSENT_REQUIRED');
  const restRefused = await rest(gateway2, '/me', token1);
  expect(restRefused.status).toBe(403);
  expect(((await restRefused.json()) as { error: { code: string } }).error.code).toBe('CONSENT_REQUIRED');
  const sse = await fetch(gateway2.url.replace(/\/graphql$/, '/graphql/stream'), {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...bearer(token1) },
    body: JSON.stringify({ query: 'subscription { suggestionAdded { id } }' }),
  });
  expect(sse.status).toBe(403);
  expect(codeOf((await sse.json()) as { errors: { extensions: Record<string, unknown> }[] })).toBe('CONSENT_REQUIRED');

  const consent = await post(gateway2.url, CONSENT, {}, bearer(token1));
  expect(consent.data).toEqual({
    policyConsent: { current: { privacyPolicy: '2', termsOfService: '2' }, accepted: { privacyPolicyVersion: '1' }, required: true },
  });
  // Accepting what is no longer in force is not accepting.
  const stale = await post(gateway2.url, ACCEPT, { input: { privacyPolicyVersion: '1', termsOfServiceVersion: '1' } }, bearer(token1));
  expect(codeOf(stale)).toBe('VALIDATION_ERROR');

  const accepted = await post<{ acceptPolicies: { accessToken: string } }>(
    gateway2.url,
    ACCEPT,
    { input: { privacyPolicyVersion: '2', termsOfServiceVersion: '2' } },
    bearer(token1),
  );
  expect(accepted.errors).toBeUndefined();
  const token2 = accepted.data!.acceptPolicies.accessToken;
  expect((await post(gateway2.url, ME, {}, bearer(token2))).data).toEqual({ me: { id: user.id } });
  expect((await rest(gateway2, '/me', token2)).status).toBe(200);

  const { rows: records } = await owner.query<{ privacy_policy_version: string; terms_of_service_version: string }>(
    'select privacy_policy_version, terms_of_service_version from core.policy_acceptances where user_id = $1 order by accepted_at',
    [user.id],
  );
  expect(records).toEqual([
    { privacy_policy_version: '1', terms_of_service_version: '1' },
    { privacy_policy_version: '2', terms_of_service_version: '2' },
  ]);
  const { rows: audit } = await owner.query<{ metadata: Record<string, unknown> }>(
    `select metadata from core.audit_log where actor_id = $1 and action = 'policy.accepted' order by created_at`,
    [user.id],
  );
  expect(audit.map((row) => row.metadata.privacyPolicyVersion)).toEqual(['1', '2']);
});

it('lets an older client sign up without versions, and asks before anything else', async () => {
  const signUp = await post<{ signUp: { accessToken: string } }>(
    gateway2.url,
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken } }',
    { input: { email: `${randomUUID()}@example.test`, password: 'correct horse battery', name: 'Old', organizationName: 'Legacy' } },
  );
  const token = signUp.data!.signUp.accessToken;
  expect(codeOf(await post(gateway2.url, ME, {}, bearer(token)))).toBe('CONSENT_REQUIRED');
  expect(
    codeOf(await post(gateway2.url, 'mutation { createApiKey(input: { name: "k", scopes: [] }) { secret } }', {}, bearer(token))),
  ).toBe('CONSENT_REQUIRED');
  expect((await post(gateway2.url, 'mutation { logOut { revoked } }', {}, bearer(token))).data).toEqual({ logOut: { revoked: true } });
});
