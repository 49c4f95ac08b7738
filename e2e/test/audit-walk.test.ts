/**
 * Walks every mutation of the supergraph through the real gateway, subgraphs and workers (the
 * other subgraphs' audit outbox relays and Core's worker storing their entries) and checks that
 * each call that succeeded left an entry with its request id in Core's one audit log.
 *
 * ADDING A MUTATION: the first test fails until the mutation has either
 *   - a fixture in FIXTURES: how to call it with valid input, given what earlier fixtures made
 *     (fixtures run in the order written, sharing `state`); its call must succeed, or
 *   - a reason in NOT_AUDITED, when it changes nothing a person must answer for.
 * So no mutation reaches the graph without a decision about its audit.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditRelay, createLogger, createOrm, createRedis, type Redis } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { supergraphPath } from '@flowgraph/supergraph';
import { startWorkers as startCoreWorkers, bullPrefix } from '@flowgraph/core/testing';
import { post, startFederation, type Federation, type HttpGraphQLResult } from '../support/federation-kit';

/** Mutations that write no audit entry, each with the reason. */
const NOT_AUDITED: Record<string, string> = {
  ingestEvents: 'data, not a change of configuration: each stored event is itself the record, with its user and time',
};

/** A GraphQL answer read without a declared type (tests pick the fields they check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyData = Record<string, any>;

interface Walk {
  /** Calls the gateway as `as` (default: the owner of the walk's organization). */
  call<T = AnyData>(query: string, variables?: Record<string, unknown>, as?: Record<string, string>): Promise<HttpGraphQLResult<T>>;
  owner<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  state: AnyData;
}

const password = 'correct horse battery staple';
/** The policy versions in force for the walk (Core and gateway); every sign-up below accepts them. */
const POLICIES = { PRIVACY_POLICY_VERSION: '1', TERMS_OF_SERVICE_VERSION: '1' };
const acceptedPolicies = { privacyPolicyVersion: '1', termsOfServiceVersion: '1' };
const definition = { steps: [{ id: 'first', type: 'transform', config: { expression: '1' } }], edges: [] };
const signUpMutation =
  'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken user { id email } organization { id } } }';
const logInMutation = 'mutation($input: LogInInput!) { logIn(input: $input) { accessToken refreshToken } }';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** The session id (`sid` claim) an access token was issued for. */
const sessionOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sid: string }).sid;

/** A suggestion of `userId` in `orgId`, open, with the pattern it came from (as Analytics would offer it). */
async function seedSuggestion(w: Walk, orgId: string, userId: string): Promise<string> {
  const patternId = randomUUID();
  const id = randomUUID();
  await w.owner(
    `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
     values ($1, $2, $3, $4, 6, 0.8, now(), now())`,
    [
      patternId,
      orgId,
      userId,
      JSON.stringify([
        { tool: 'github', eventType: 'pr.opened' },
        { tool: 'slack', eventType: `message.${id.slice(0, 8)}` },
      ]),
    ],
  );
  await w.owner(
    `insert into analytics.suggestions (id, org_id, user_id, pattern_id, template_id, status, title, explanation, parameters,
       estimated_minutes_saved_per_week, support_at_offer, offered_at)
     values ($1, $2, $3, $4, 'github-pr-opened-to-slack', 'open', 'Post PRs to Slack', 'You often do this', '{"channel": "#reviews"}', 10, 6, now())`,
    [id, orgId, userId, patternId],
  );
  return id;
}

/** How to call each audited mutation with valid input, in the order they run. */
const FIXTURES: Record<string, (w: Walk) => Promise<HttpGraphQLResult<AnyData>>> = {
  // ── Core ──
  signUp: (w) =>
    w.call(
      signUpMutation,
      { input: { email: `${randomUUID()}@example.com`, password, name: 'Grace', organizationName: 'Other', acceptedPolicies } },
      {},
    ),
  acceptPolicies: async (w) => {
    // A client that predates acceptedPolicies signs up without them; the person then accepts.
    const older = await w.call<{ signUp: { accessToken: string } }>(
      signUpMutation,
      { input: { email: `${randomUUID()}@example.com`, password, name: 'Edsger', organizationName: 'Older' } },
      {},
    );
    return w.call(
      'mutation($input: PolicyVersionsInput!) { acceptPolicies(input: $input) { accessToken } }',
      { input: acceptedPolicies },
      bearer(older.data!.signUp.accessToken),
    );
  },
  logIn: async (w) => {
    const result = await w.call(logInMutation, { input: { email: w.state.email, password } }, {});
    w.state.second = result.data?.logIn;
    return result;
  },
  refreshSession: async (w) => {
    const result = await w.call(
      'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }',
      { t: w.state.second.refreshToken },
      {},
    );
    w.state.second = result.data?.refreshSession;
    return result;
  },
  createOrganization: async (w) => {
    const result = await w.call('mutation { createOrganization(input: { name: "Second" }) { organization { id } } }');
    w.state.secondOrgId = result.data?.createOrganization.organization.id;
    return result;
  },
  switchOrganization: async (w) => {
    const result = await w.call(
      'mutation($id: ID!) { switchOrganization(organizationId: $id) { accessToken } }',
      { id: w.state.secondOrgId },
      bearer(w.state.second.accessToken),
    );
    w.state.second = result.data?.switchOrganization;
    return result;
  },
  logOut: (w) => w.call('mutation { logOut { revoked } }', {}, bearer(w.state.second.accessToken)),
  revokeSession: async (w) => {
    const logIn = () => w.call<{ logIn: { accessToken: string } }>(logInMutation, { input: { email: w.state.email, password } }, {});
    const [doomed, device] = [await logIn(), await logIn()];
    return w.call(
      'mutation($id: ID!) { revokeSession(id: $id) { session { id } } }',
      { id: sessionOf(doomed.data!.logIn.accessToken) },
      bearer(device.data!.logIn.accessToken),
    );
  },
  updateOrganization: (w) => w.call('mutation { updateOrganization(input: { name: "Renamed" }) { organization { id } } }'),
  createApiKey: async (w) => {
    const result = await w.call('mutation { createApiKey(input: { name: "ci", scopes: ["workflows:read"] }) { apiKey { id } } }');
    w.state.apiKeyId = result.data?.createApiKey.apiKey.id;
    return result;
  },
  revokeApiKey: (w) => w.call('mutation($id: ID!) { revokeApiKey(id: $id) { apiKey { id } } }', { id: w.state.apiKeyId }),
  inviteMember: async (w) => {
    w.state.inviteeEmail = `${randomUUID()}@example.com`;
    const result = await w.call(
      'mutation($email: String!) { inviteMember(input: { email: $email, role: MEMBER }) { invitation { id } token } }',
      { email: w.state.inviteeEmail },
    );
    w.state.invitationToken = result.data?.inviteMember.token;
    return result;
  },
  acceptInvitation: async (w) => {
    const invitee = await w.call<{ signUp: { accessToken: string; user: { id: string } } }>(
      signUpMutation,
      { input: { email: w.state.inviteeEmail, password, name: 'Alan', organizationName: 'Bletchley', acceptedPolicies } },
      {},
    );
    const result = await w.call(
      'mutation($t: String!) { acceptInvitation(token: $t) { accessToken } }',
      { t: w.state.invitationToken },
      bearer(invitee.data!.signUp.accessToken),
    );
    const members = await w.call<{ currentOrganization: { members: { edges: { node: { id: string; user: { id: string } } }[] } } }>(
      '{ currentOrganization { members(first: 50) { edges { node { id user { id } } } } } }',
    );
    w.state.membershipId = members.data?.currentOrganization.members.edges.find((e) => e.node.user.id === invitee.data!.signUp.user.id)
      ?.node.id;
    return result;
  },
  revokeInvitation: async (w) => {
    const invited = await w.call<{ inviteMember: { invitation: { id: string } } }>(
      'mutation { inviteMember(input: { email: "later@example.com", role: VIEWER }) { invitation { id } } }',
    );
    return w.call('mutation($id: ID!) { revokeInvitation(id: $id) { invitation { id } } }', {
      id: invited.data!.inviteMember.invitation.id,
    });
  },
  changeMemberRole: (w) =>
    w.call('mutation($id: ID!) { changeMemberRole(membershipId: $id, role: ADMIN) { membership { id } } }', { id: w.state.membershipId }),
  removeMember: (w) =>
    w.call('mutation($id: ID!) { removeMember(membershipId: $id) { removedMembershipId } }', { id: w.state.membershipId }),
  requestDataExport: (w) => w.call('mutation { requestDataExport { request { id status } } }'),
  // Erasures end a person's or an organization's access: each walks on an account of its own.
  deleteMyAccount: async (w) => {
    const email = `${randomUUID()}@example.com`;
    const leaving = await w.call<{ signUp: { accessToken: string } }>(
      signUpMutation,
      { input: { email, password, name: 'Leaving', organizationName: 'Farewell' } },
      {},
    );
    return w.call(
      'mutation($email: String!) { deleteMyAccount(confirmEmail: $email) { request { id } } }',
      { email },
      bearer(leaving.data!.signUp.accessToken),
    );
  },
  deleteOrganization: async (w) => {
    const closing = await w.call<{ signUp: { accessToken: string } }>(
      signUpMutation,
      { input: { email: `${randomUUID()}@example.com`, password, name: 'Closing', organizationName: 'Closing shop' } },
      {},
    );
    return w.call(
      'mutation { deleteOrganization(confirmName: "Closing shop") { request { id } } }',
      {},
      bearer(closing.data!.signUp.accessToken),
    );
  },

  // ── Workflow ──
  createWorkflow: async (w) => {
    const result = await w.call('mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }', {
      input: { name: 'Walked', definition },
    });
    w.state.workflowId = result.data?.createWorkflow.workflow.id;
    return result;
  },
  createWorkflowFromTemplate: (w) =>
    w.call(
      'mutation { createWorkflowFromTemplate(input: { templateId: "github-pr-opened-to-slack", parameters: { channel: "#walk" } }) { workflow { id } } }',
    ),
  updateWorkflow: (w) =>
    w.call('mutation($id: ID!, $input: UpdateWorkflowInput!) { updateWorkflow(id: $id, input: $input) { workflow { id } } }', {
      id: w.state.workflowId,
      input: { definition: { ...definition, steps: [{ id: 'second', type: 'transform', config: { expression: '2' } }] } },
    }),
  publishWorkflow: (w) =>
    w.call('mutation($id: ID!) { publishWorkflow(id: $id, version: 2) { workflow { id } } }', { id: w.state.workflowId }),
  rollbackWorkflow: (w) =>
    w.call('mutation($id: ID!) { rollbackWorkflow(id: $id, toVersion: 1) { workflow { id } } }', { id: w.state.workflowId }),
  setWorkflowActive: (w) =>
    w.call('mutation($id: ID!) { setWorkflowActive(id: $id, active: true) { workflow { id } } }', { id: w.state.workflowId }),
  addTrigger: async (w) => {
    const result = await w.call(
      'mutation($id: ID!) { addTrigger(input: { workflowId: $id, kind: CRON, cron: { pattern: "0 3 * * *" } }) { trigger { id } } }',
      { id: w.state.workflowId },
    );
    w.state.triggerId = result.data?.addTrigger.trigger.id;
    return result;
  },
  setTriggerEnabled: (w) => w.call('mutation($id: ID!) { setTriggerEnabled(id: $id, enabled: false) { id } }', { id: w.state.triggerId }),
  removeTrigger: (w) => w.call('mutation($id: ID!) { removeTrigger(id: $id) { removedTriggerId } }', { id: w.state.triggerId }),
  executeWorkflow: async (w) => {
    const result = await w.call('mutation($id: ID!) { executeWorkflow(input: { workflowId: $id }) { execution { id } } }', {
      id: w.state.workflowId,
    });
    w.state.executionId = result.data?.executeWorkflow.execution.id;
    return result;
  },
  cancelExecution: (w) => w.call('mutation($id: ID!) { cancelExecution(id: $id) { execution { id } } }', { id: w.state.executionId }),
  rerunExecution: async (w) => {
    const failed = await w.call<{ executeWorkflow: { execution: { id: string } } }>(
      'mutation($id: ID!) { executeWorkflow(input: { workflowId: $id }) { execution { id } } }',
      { id: w.state.workflowId },
    );
    const id = failed.data!.executeWorkflow.execution.id;
    // No execution worker runs here: the execution is failed the way the worker would leave it.
    await w.owner(`update workflow.executions set status = 'failed', error = 'boom', finished_at = now() where id = $1`, [id]);
    return w.call('mutation($id: ID!) { rerunExecution(id: $id) { execution { id } } }', { id });
  },
  deleteWorkflow: (w) => w.call('mutation($id: ID!) { deleteWorkflow(id: $id) { workflow { id } } }', { id: w.state.workflowId }),
  restoreWorkflow: (w) => w.call('mutation($id: ID!) { restoreWorkflow(id: $id) { workflow { id } } }', { id: w.state.workflowId }),

  // ── Integration ──
  connectIntegration: async (w) => {
    const answer = await w.call(
      'mutation { connectIntegration(input: { provider: S3, displayName: "Reports", credentials: [{ name: "accessKeyId", value: "AKIAIOSFODNN7EXAMPLE" }, { name: "secretAccessKey", value: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }, { name: "region", value: "eu-west-1" }] }) { integration { id } } }',
    );
    w.state.integrationId = answer.data?.connectIntegration.integration.id;
    return answer;
  },
  updateIntegrationCredentials: (w) =>
    w.call('mutation($input: UpdateIntegrationCredentialsInput!) { updateIntegrationCredentials(input: $input) { integration { id } } }', {
      input: {
        id: w.state.integrationId,
        credentials: [
          { name: 'accessKeyId', value: 'AKIAIOSFODNN7EXAMPL2' },
          { name: 'secretAccessKey', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE2' },
          { name: 'region', value: 'eu-west-1' },
        ],
      },
    }),
  revealIntegrationWebhook: async (w) => {
    const connected = await w.call(
      'mutation { connectIntegration(input: { provider: HTTP, displayName: "Hooks" }) { integration { id } } }',
    );
    w.state.webhookIntegrationId = connected.data?.connectIntegration.integration.id;
    return w.call('mutation($id: ID!) { revealIntegrationWebhook(id: $id) { url secret } }', { id: w.state.webhookIntegrationId });
  },
  setIntegrationWebhookSecret: (w) =>
    w.call('mutation($input: SetIntegrationWebhookSecretInput!) { setIntegrationWebhookSecret(input: $input) { url } }', {
      input: { id: w.state.webhookIntegrationId, secret: 'a-provider-chosen-signing-secret' },
    }),
  testIntegration: (w) =>
    w.call('mutation($id: ID!) { testIntegration(id: $id) { check { status } } }', { id: w.state.webhookIntegrationId }),
  disconnectIntegration: (w) =>
    w.call('mutation($id: ID!) { disconnectIntegration(id: $id) { integration { id } } }', { id: w.state.integrationId }),

  // ── Analytics ──
  acceptSuggestion: async (w) =>
    w.call('mutation($id: ID!) { acceptSuggestion(id: $id) { suggestion { id } } }', {
      id: await seedSuggestion(w, w.state.orgId, w.state.userId),
    }),
  dismissSuggestion: async (w) =>
    w.call('mutation($id: ID!) { dismissSuggestion(id: $id) { suggestion { id } } }', {
      id: await seedSuggestion(w, w.state.orgId, w.state.userId),
    }),
  refreshOrganizationReport: (w) => {
    const today = new Date().toISOString().slice(0, 10);
    return w.call(
      'mutation($from: Date!, $to: Date!) { refreshOrganizationReport(from: $from, to: $to) { report { aggregatedThrough } } }',
      { from: today, to: today },
    );
  },
};

/** The supergraph's mutations and the subgraph that serves each. */
function supergraphMutations(): Map<string, string> {
  const document = parse(readFileSync(supergraphPath(join(__dirname, '..', '..')), 'utf8'));
  const mutation = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Mutation',
  );
  const graphOf = (field: NonNullable<ObjectTypeDefinitionNode['fields']>[number]) => {
    const join = field.directives?.find((d) => d.name.value === 'join__field');
    const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
    return graph?.kind === Kind.ENUM ? graph.value.toLowerCase() : 'unknown';
  };
  return new Map((mutation?.fields ?? []).map((field) => [field.name.value, graphOf(field)]));
}

const mutations = supergraphMutations();
const quiet = () => createLogger('test', process.env.TEST_LOG ?? 'silent');
let federation: Federation;
let ownerClient: Client;
let relayOrm: MikroORM;
let relays: AuditRelay[];
let coreWorker: Awaited<ReturnType<typeof startCoreWorkers>>;
let connections: Redis[];
const walk: Walk = {
  state: {},
  call: (query, variables = {}, as) =>
    post(federation.gateway.url, query, variables, { 'x-request-id': randomUUID(), ...(as ?? walk.state.auth) }),
  owner: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await ownerClient.query(sql, params)).rows as T[],
};
/** What each walked mutation's call was, for the auditLog check. */
const walked = new Map<string, { requestId: string; graph: string }>();

beforeAll(async () => {
  federation = await startFederation(POLICIES, { coreEnv: POLICIES });
  ownerClient = new Client({ connectionString: federation.db.ownerUrl });
  await ownerClient.connect();
  const prefix = federation.config.REDIS_PREFIX;
  connections = [createRedis(federation.config.REDIS_URL), createRedis(federation.config.REDIS_URL, { forWorkers: true })];
  const [redis, connection] = connections;
  relayOrm = await createOrm({ url: federation.db.appUrl, entities: [], poolMax: 4 });
  relays = ['workflow', 'integration', 'analytics'].map(
    (schema) => new AuditRelay({ orm: relayOrm, schema, redis, redisPrefix: prefix, logger: quiet(), intervalMs: 20 }),
  );
  for (const relay of relays) relay.start();
  coreWorker = await startCoreWorkers({
    orm: relayOrm,
    connection,
    prefix: bullPrefix(prefix),
    logger: quiet(),
    auditKeepDays: 365,
    auditStream: { redis, redisPrefix: prefix },
  });

  const email = `${randomUUID()}@example.com`;
  const signedUp = await post<{ signUp: { accessToken: string; user: { id: string }; organization: { id: string } } }>(
    federation.gateway.url,
    signUpMutation,
    {
      input: { email, password, name: 'Ada', organizationName: 'Engines', acceptedPolicies },
    },
  );
  if (!signedUp.data) throw new Error(signedUp.text);
  Object.assign(walk.state, {
    email,
    auth: bearer(signedUp.data.signUp.accessToken),
    userId: signedUp.data.signUp.user.id,
    orgId: signedUp.data.signUp.organization.id,
  });
}, 60_000);

afterAll(async () => {
  await coreWorker?.close();
  for (const relay of relays ?? []) await relay.stop();
  for (const c of connections ?? []) c.disconnect();
  await relayOrm?.close(true);
  await ownerClient?.end();
  await federation?.stop();
});

it('has, for every mutation of the supergraph, a fixture or a reason it is not audited', () => {
  expect(mutations.size).toBeGreaterThan(20);
  const undecided = [...mutations.keys()].filter((name) => !FIXTURES[name] && !NOT_AUDITED[name]);
  expect(undecided).toEqual([]);
  const stale = [...Object.keys(FIXTURES), ...Object.keys(NOT_AUDITED)].filter((name) => !mutations.has(name));
  expect(stale).toEqual([]);
});

describe.each(Object.keys(FIXTURES).filter((name) => mutations.has(name)))('%s', (name) => {
  it('writes an entry with its request id to the audit log', async () => {
    const result = await FIXTURES[name](walk);
    expect(result.errors).toBeUndefined();
    const requestId = result.headers.get('x-request-id')!;
    const entries = await until(
      async () => {
        const rows = await walk.owner<{ action: string; org_id: string | null }>(
          'select action, org_id from core.audit_log where request_id = $1',
          [requestId],
        );
        return rows.length > 0 ? rows : undefined;
      },
      10_000,
      `an audit entry of ${name}`,
    );
    expect(entries.every((e) => e.org_id)).toBe(true);
    walked.set(name, { requestId, graph: mutations.get(name)! });
  });
});

it("reads the other subgraphs' entries through auditLog, with actor, organization, target and request id", async () => {
  const relayed = [...walked].filter(([, { graph }]) => graph !== 'core');
  expect(relayed.map(([name]) => name).sort()).toEqual(
    [...mutations]
      .filter(([name, graph]) => graph !== 'core' && FIXTURES[name])
      .map(([name]) => name)
      .sort(),
  );
  const log = await walk.call<{
    auditLog: {
      edges: {
        node: {
          action: string;
          actor: { id: string } | null;
          targetType: string | null;
          targetId: string | null;
          requestId: string | null;
        };
      }[];
    };
  }>('{ auditLog(first: 100) { edges { node { action actor { id } targetType targetId requestId } } } }');
  expect(log.errors).toBeUndefined();
  const byRequest = new Map(log.data!.auditLog.edges.map(({ node }) => [`${node.requestId}:${node.action}`, node]));
  for (const [name, { requestId, graph }] of relayed) {
    const entry = byRequest.get(`${requestId}:${graph}.${name}`);
    expect({ name, entry }).toEqual({
      name,
      entry: expect.objectContaining({ actor: { id: walk.state.userId }, targetType: expect.any(String), targetId: expect.any(String) }),
    });
  }
  expect(byRequest.get(`${walked.get('publishWorkflow')!.requestId}:workflow.publishWorkflow`)).toMatchObject({
    targetType: 'workflow',
    targetId: walk.state.workflowId,
  });
});

it('writes nothing for a mutation that was refused', async () => {
  const refused = await walk.call('mutation { createWorkflow(input: { name: "" }) { workflow { id } } }');
  expect(refused.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');
  // A later change through the same outbox has arrived: the refused one would have been ahead of it.
  const later = await FIXTURES.createWorkflow(walk);
  expect(later.errors).toBeUndefined();
  await until(
    async () => (await walk.owner('select 1 from core.audit_log where request_id = $1', [later.headers.get('x-request-id')])).length > 0,
    10_000,
    'the later entry',
  );
  const requestId = refused.headers.get('x-request-id');
  expect(await walk.owner('select 1 from core.audit_log where request_id = $1', [requestId])).toEqual([]);
  expect(await walk.owner('select 1 from workflow.audit_outbox where request_id = $1', [requestId])).toEqual([]);
});
