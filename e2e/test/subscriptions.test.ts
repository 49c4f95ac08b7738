import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { startGateway, type RunningGateway } from '@flowgraph/gateway';
import { closedUrl, post } from '../support/federation-kit';
import {
  Rows,
  collect,
  executionUpdatedChannel,
  publishExecution,
  publishSuggestion,
  subscribersOf,
  suggestionChannel,
  wsClient,
  wsUrl,
  type TestUser,
  startLiveFederation,
  type LiveFederation,
} from '../support/live-kit';

/**
 * Subscriptions through the gateway over graphql-ws, against the four real subgraphs: events
 * published by the subgraphs (Redis pub/sub) arrive with the fields other subgraphs own resolved.
 */
let federation: LiveFederation;
let rows: Rows;
let ada: TestUser;

const SUGGESTION_ADDED = `subscription Offered { suggestionAdded {
  id title status
  pattern { support sequence { tool } }
  template { id name }
  workflowDefinition
  user { id email memberships { organization { name } } }
} }`;

interface Offered {
  suggestionAdded: {
    id: string;
    title: string;
    template: { id: string; name: string };
    workflowDefinition: unknown;
    user: { id: string; email: string; memberships: { organization: { name: string } }[] };
  };
}

beforeAll(async () => {
  federation = await startLiveFederation();
  ({ rows, user: ada } = federation);
});

afterAll(async () => {
  await federation.stop();
});

const wsGauge = async () =>
  (await federation.gateway.metrics.activeSubscriptions.get()).values.find((v) => v.labels.transport === 'ws')?.value ?? 0;

/** A queued execution of a new workflow "Nightly report" owned by Ada. */
async function anExecution(): Promise<string> {
  const created = await post<{ createWorkflow: { workflow: { id: string } } }>(
    federation.gateway.url,
    'mutation { createWorkflow(input: { name: "Nightly report" }) { workflow { id } } }',
    {},
    ada.headers,
  );
  expect(created.errors).toBeUndefined();
  return rows.execution(ada.orgId, created.data!.createWorkflow.workflow.id);
}

const closeCodeOf = (client: ReturnType<typeof createClient>) =>
  new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));

it('closes a connection without credentials, or with a bad token, with 4403', async () => {
  for (const params of [{}, { authorization: 'Bearer not-a-jwt' }, { 'x-api-key': 'fg_unknown_key' }]) {
    const client = wsClient(federation.gateway.url, params, { lazy: false });
    expect(await closeCodeOf(client)).toBe(4403);
    await client.dispose();
  }
});

it('delivers suggestionAdded with fields resolved by analytics, workflow and core', async () => {
  const client = wsClient(federation.gateway.url, ada.headers);
  const offered = collect<Offered>(client, SUGGESTION_ADDED);
  const channel = suggestionChannel(federation, ada);
  await until(async () => (await subscribersOf(federation, channel)) === 1, 10_000, 'the upstream subscription');

  const id = await rows.suggestion(ada);
  await publishSuggestion(federation, ada, id);
  const result = await offered.next();
  expect(result.errors).toBeUndefined();
  expect(result.data!.suggestionAdded).toMatchObject({
    id,
    title: 'Post to Slack when a PR is opened',
    status: 'OPEN',
    pattern: { support: 9, sequence: [{ tool: 'github' }, { tool: 'slack' }] },
    template: { id: 'github-pr-opened-to-slack', name: 'Post to Slack when a PR is opened' }, // name: Workflow
    user: { id: ada.userId, email: ada.email, memberships: [{ organization: { name: ada.organizationName } }] }, // Core
  });
  // Workflow filled the template with the suggestion's parameters (@requires through the plan).
  expect(JSON.stringify(result.data!.suggestionAdded.workflowDefinition)).toContain('#reviews');
  await client.dispose();
});

it('delivers executionUpdated with the workflow owner from core', async () => {
  const executionId = await anExecution();
  const client = wsClient(federation.gateway.url, ada.headers);
  const updates = collect<{ executionUpdated: unknown }>(
    client,
    'subscription($id: ID!) { executionUpdated(executionId: $id) { id status workflow { name owner { email } } } }',
    { id: executionId },
  );
  await until(
    async () => (await subscribersOf(federation, executionUpdatedChannel(federation, executionId))) === 1,
    10_000,
    'the upstream subscription',
  );
  await publishExecution(federation, ada.orgId, executionId);
  const result = await updates.next();
  expect(result).toEqual({
    data: { executionUpdated: { id: executionId, status: 'QUEUED', workflow: { name: 'Nightly report', owner: { email: ada.email } } } },
  });
  await client.dispose();
});

it('refuses queries, invalid documents and documents over the operation limits with VALIDATION_ERROR and a request id', async () => {
  const client = wsClient(federation.gateway.url, ada.headers);
  for (const query of ['{ me { id } }', 'subscription { suggestionAdded { noSuchField } }']) {
    const { error } = await collect(client, query).ended;
    expect(error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', request_id: expect.any(String) }) }),
    ]);
  }
  // The gateway's operation limits apply as on HTTP (aliases: 30 by default).
  const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
  const { error } = await collect(client, `subscription { suggestionAdded { ${aliases} } }`).ended;
  expect(error).toEqual([
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', limit: 'aliases', request_id: expect.any(String) }),
    }),
  ]);
  await client.dispose();
});

it('completes the upstream subscription when the client completes it, and all of them when the socket closes', async () => {
  const channel = suggestionChannel(federation, ada);
  const executionId = await anExecution();
  const executionChannel = executionUpdatedChannel(federation, executionId);
  const client = wsClient(federation.gateway.url, ada.headers);
  // A second subscription keeps the connection (and its upstream socket) open: only the completed one may end.
  collect(client, 'subscription($id: ID!) { executionUpdated(executionId: $id) { id } }', { id: executionId });
  const first = collect(client, SUGGESTION_ADDED);
  await until(async () => (await subscribersOf(federation, channel)) === 1 && (await subscribersOf(federation, executionChannel)) === 1);
  first.stop(); // graphql-ws `complete`
  await until(async () => (await subscribersOf(federation, channel)) === 0, 10_000, 'unsubscribe after complete');
  expect(await subscribersOf(federation, executionChannel)).toBe(1);

  collect(client, SUGGESTION_ADDED);
  collect(client, SUGGESTION_ADDED);
  await until(async () => (await subscribersOf(federation, channel)) === 1);
  await until(async () => (await wsGauge()) === 3);
  await client.dispose(); // socket closed
  await until(
    async () => (await subscribersOf(federation, channel)) === 0 && (await subscribersOf(federation, executionChannel)) === 0,
    10_000,
    'unsubscribe after close',
  );
  await until(async () => (await wsGauge()) === 0);
});

it('keeps delivering after the gateway restarts on the same port (client retries)', async () => {
  const quiet = createLogger('test', 'silent');
  let gateway: RunningGateway = await startGateway({ config: federation.config, logger: quiet, redis: federation.redis }, 0, '127.0.0.1');
  const port = gateway.port;
  try {
    const client = createClient({
      url: wsUrl(gateway.url),
      webSocketImpl: WebSocket,
      connectionParams: ada.headers,
      retryAttempts: 20,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)),
      shouldRetry: () => true,
    });
    const offered = collect<Offered>(client, SUGGESTION_ADDED);
    const channel = suggestionChannel(federation, ada);
    await until(async () => (await subscribersOf(federation, channel)) === 1);
    const before = await rows.suggestion(ada);
    await publishSuggestion(federation, ada, before);
    expect((await offered.next()).data?.suggestionAdded.id).toBe(before);

    await gateway.stop();
    await until(async () => (await subscribersOf(federation, channel)) === 0, 10_000, 'upstream closed with the gateway');
    gateway = await startGateway({ config: federation.config, logger: quiet, redis: federation.redis }, port, '127.0.0.1');
    await until(async () => (await subscribersOf(federation, channel)) === 1, 15_000, 'resubscribed after restart');
    const after = await rows.suggestion(ada);
    await publishSuggestion(federation, ada, after);
    expect((await offered.next()).data?.suggestionAdded.id).toBe(after);
    await client.dispose();
  } finally {
    await gateway.stop();
  }
});

it('delivers to subscribers of two gateway replicas over the same subgraphs', async () => {
  const quiet = createLogger('test', 'silent');
  const second = await startGateway({ config: federation.config, logger: quiet, redis: federation.redis }, 0, '127.0.0.1');
  try {
    const clients = [wsClient(federation.gateway.url, ada.headers), wsClient(second.url, ada.headers)];
    const streams = clients.map((client) => collect<Offered>(client, SUGGESTION_ADDED));
    // Each replica has its own upstream socket; publish until both have subscribed and delivered.
    const published = new Set<string>();
    await until(
      async () => {
        const id = await rows.suggestion(ada);
        published.add(id);
        await publishSuggestion(federation, ada, id);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return streams.every((stream) => stream.all.length > 0);
      },
      10_000,
      'both replicas delivering',
    );
    for (const stream of streams) {
      for (const result of stream.all) {
        expect(result.errors).toBeUndefined();
        expect(published.has(result.data!.suggestionAdded.id)).toBe(true);
        expect(result.data!.suggestionAdded.user.email).toBe(ada.email); // resolved by each replica through Core
      }
    }
    await Promise.all(clients.map((c) => c.dispose()));
  } finally {
    await second.stop();
  }
});

it("masks a failure to resolve another subgraph's fields like HTTP errors (INTERNAL, request id, no detail)", async () => {
  const quiet = createLogger('test', 'silent');
  const config = { ...federation.config, subgraphUrls: { ...federation.config.subgraphUrls, core: await closedUrl() } };
  const coreDown = await startGateway({ config, logger: quiet, redis: federation.redis }, 0, '127.0.0.1');
  try {
    const client = wsClient(coreDown.url, ada.headers);
    const offered = collect(client, 'subscription { suggestionAdded { id user { email } } }');
    await until(async () => (await subscribersOf(federation, suggestionChannel(federation, ada))) === 1);
    await publishSuggestion(federation, ada, await rows.suggestion(ada));
    const result = await offered.next();
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL', masked: true, request_id: expect.any(String) } },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|core/);
    await client.dispose();
  } finally {
    await coreDown.stop();
  }
});
