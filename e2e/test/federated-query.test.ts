import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bearer, post, startFederation, type Federation } from '../support/federation-kit';

let federation: Federation;
let auth: Record<string, string>;
let owner: { userId: string; orgId: string };
let workflowId: string;
let integrationId: string;

let usageReportingSetting: string | undefined;

beforeAll(async () => {
  delete process.env.APOLLO_TELEMETRY_DISABLED; // as a gateway started without npm start, compose or k8s
  federation = await startFederation();
  usageReportingSetting = process.env.APOLLO_TELEMETRY_DISABLED;
});

it("turns @apollo/gateway's usage reporting off when nobody set APOLLO_TELEMETRY_DISABLED", () => {
  expect(usageReportingSetting).toBe('true');
});

afterAll(async () => {
  await federation.stop();
});

/** Patterns as the miner writes them (one row per sequence), inserted as the owner. */
async function insertPattern(support: number): Promise<void> {
  const client = new Client({ connectionString: federation.db.ownerUrl });
  await client.connect();
  try {
    await client.query(
      `insert into analytics.patterns (id, org_id, user_id, sequence, support, confidence, first_seen_at, last_seen_at)
       values ($1, $2, $3, $4, $5, 0.5, now(), now())`,
      [
        randomUUID(),
        owner.orgId,
        owner.userId,
        JSON.stringify([
          { tool: 'github', eventType: 'push' },
          { tool: 'slack', eventType: `message.${support}` },
        ]),
        support,
      ],
    );
  } finally {
    await client.end();
  }
}

const gateway = <T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = auth) =>
  post<T>(federation.gateway.url, query, variables, headers);

it('signs up anonymously through the gateway', async () => {
  const email = `${randomUUID()}@example.com`;
  const signedUp = await gateway<{ signUp: { accessToken: string; user: { id: string }; organization: { id: string } } }>(
    'mutation($input: SignUpInput!) { signUp(input: $input) { accessToken user { id } organization { id } } }',
    { input: { email, password: 'correct horse battery staple', name: 'Ada', organizationName: 'Analytical Engines' } },
    {},
  );
  expect(signedUp.errors).toBeUndefined();
  auth = { authorization: `Bearer ${signedUp.data!.signUp.accessToken}` };
  owner = { userId: signedUp.data!.signUp.user.id, orgId: signedUp.data!.signUp.organization.id };
});

it('answers one query that spans core, workflow, integration and analytics', async () => {
  const created = await gateway<{ createWorkflow: { workflow: { id: string } } }>(
    'mutation { createWorkflow(input: { name: "Deploy on merge" }) { workflow { id } } }',
  );
  expect(created.errors).toBeUndefined();
  const connected = await gateway<{ connectIntegration: { integration: { id: string } } }>(
    'mutation { connectIntegration(input: { provider: HTTP, displayName: "Work" }) { integration { id } } }',
  );
  expect(connected.errors).toBeUndefined();
  workflowId = created.data!.createWorkflow.workflow.id;
  integrationId = connected.data!.connectIntegration.integration.id;
  await insertPattern(4);
  await insertPattern(9);

  const response = await gateway<{ me: unknown }>(
    `query {
      me {
        name
        workflows { edges { node { name } } }
        integrations { provider displayName }
        patterns(first: 5) { edges { node { support sequence { tool } } } }
      }
    }`,
  );
  expect(response.status).toBe(200);
  expect(response.errors).toBeUndefined();
  expect(response.data?.me).toEqual({
    name: 'Ada',
    workflows: { edges: [{ node: { name: 'Deploy on merge' } }] },
    integrations: [{ provider: 'HTTP', displayName: 'Work' }],
    patterns: {
      edges: [
        { node: { support: 9, sequence: [{ tool: 'github' }, { tool: 'slack' }] } },
        { node: { support: 4, sequence: [{ tool: 'github' }, { tool: 'slack' }] } },
      ],
    },
  });
});

it('saves, publishes and runs a workflow through the graph, with the owner resolved by Core', async () => {
  const definition = { steps: [{ id: 'shape', type: 'transform', config: { expression: '{ "ok": true }' } }], edges: [] };
  const saved = await gateway<{ updateWorkflow: { workflow: { latestVersion: { version: number } } } }>(
    'mutation($id: ID!, $d: JSONObject!) { updateWorkflow(id: $id, input: { definition: $d }) { workflow { latestVersion { version } } } }',
    { id: workflowId, d: definition },
  );
  expect(saved.errors).toBeUndefined();
  const version = saved.data!.updateWorkflow.workflow.latestVersion.version;
  expect(
    (
      await gateway('mutation($id: ID!, $v: Int!) { publishWorkflow(id: $id, version: $v) { workflow { id } } }', {
        id: workflowId,
        v: version,
      })
    ).errors,
  ).toBeUndefined();
  const run = await gateway<{ executeWorkflow: { execution: { id: string; status: string; version: number } } }>(
    'mutation($id: ID!) { executeWorkflow(input: { workflowId: $id, idempotencyKey: "gw-1" }) { execution { id status version } } }',
    { id: workflowId },
  );
  expect(run.errors).toBeUndefined();
  // No worker runs in this test: the execution waits in the queue, pinned to the published version.
  expect(run.data!.executeWorkflow.execution).toMatchObject({ status: 'QUEUED', version });
  const seen = await gateway<{ workflow: unknown }>(
    'query($id: ID!) { workflow(id: $id) { liveVersion { version } latestExecution { id } owner { email } organization { name } } }',
    { id: workflowId },
  );
  expect(seen.errors).toBeUndefined();
  expect(seen.data!.workflow).toEqual({
    liveVersion: { version },
    latestExecution: { id: run.data!.executeWorkflow.execution.id },
    owner: { email: expect.stringContaining('@example.com') },
    organization: { name: 'Analytical Engines' },
  });
});

it('authenticates an API key through Core and applies its scopes in the subgraphs', async () => {
  const created = await gateway<{ createApiKey: { secret: string } }>(
    'mutation { createApiKey(input: { name: "CI", scopes: ["workflows:read"], role: MEMBER }) { secret } }',
  );
  expect(created.errors).toBeUndefined();
  const key = { 'x-api-key': created.data!.createApiKey.secret };
  const allowed = await gateway<{ workflow: { name: string } }>('query($id: ID!) { workflow(id: $id) { name } }', { id: workflowId }, key);
  expect(allowed.errors).toBeUndefined();
  expect(allowed.data?.workflow).toEqual({ name: 'Deploy on merge' });
  const outOfScope = await gateway('query($id: ID!) { integration(id: $id) { id } }', { id: integrationId }, key);
  expect(outOfScope.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const unknown = await gateway('{ __typename }', {}, { 'x-api-key': `${created.data!.createApiKey.secret}x` });
  expect(unknown.status).toBe(401);
  expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('shows another organization none of it through the gateway', async () => {
  const stranger = await bearer({ userId: randomUUID(), orgId: randomUUID(), role: 'owner', sessionId: randomUUID() });
  const response = await gateway<{ workflow: unknown; integration: unknown }>(
    'query($w: ID!, $i: ID!) { workflow(id: $w) { name } integration(id: $i) { displayName } }',
    { w: workflowId, i: integrationId },
    stranger,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ workflow: null, integration: null });
});

it('is ready when Redis and every subgraph are', async () => {
  const response = await fetch(new URL('/readyz', federation.gateway.url));
  expect(response.status).toBe(200);
  const body = (await response.json()) as { checks: Record<string, { status: string }> };
  expect(Object.keys(body.checks).sort()).toEqual(['analytics', 'core', 'integration', 'redis', 'workflow']);
  expect((await fetch(new URL('/healthz', federation.gateway.url))).status).toBe(200);
});

it('carries a full ingestEvents batch (1,000 events, several megabytes) through to Core', async () => {
  const events = Array.from({ length: 1000 }, (_, i) => ({
    idempotencyKey: `bulk-${i}`,
    eventType: 'file.saved',
    tool: 'dropbox',
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
    payload: { path: `/reports/${i}.pdf`, note: 'x'.repeat(4000) },
  }));
  const response = await gateway<{ ingestEvents: { createdCount: number } }>(
    'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }',
    { events },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.ingestEvents.createdCount).toBe(1000);
});

it('refuses a body over the limit with a clear error', async () => {
  const response = await gateway('query { me { id } }', { padding: 'x'.repeat(18 * 1024 * 1024) });
  expect(response.status).toBe(413);
  expect(response.errors?.[0]).toMatchObject({ message: 'Request body too large', extensions: { code: 'VALIDATION_ERROR' } });
});
