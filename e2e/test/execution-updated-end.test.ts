import { until } from '@flowgraph/kernel/testing';
import { post } from '../support/federation-kit';
import {
  Rows,
  collect,
  executionUpdatedChannel,
  publishExecution,
  subscribersOf,
  wsClient,
  type TestUser,
  startLiveFederation,
  type LiveFederation,
} from '../support/live-kit';

/**
 * `executionUpdated` ends when the execution does, over both transports of the real gateway: the
 * finished state is delivered once (the worker announces its last step and then the outcome,
 * and both read the finished execution) and the subscription completes, upstream included.
 */
let federation: LiveFederation;
let rows: Rows;
let ada: TestUser;

const UPDATES = 'subscription($id: ID!) { executionUpdated(executionId: $id) { id status workflow { name } } }';

beforeAll(async () => {
  federation = await startLiveFederation();
  ({ rows, user: ada } = federation);
});

afterAll(async () => {
  await federation.stop();
});

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

const event = (id: string, status: string) => ({ data: { executionUpdated: { id, status, workflow: { name: 'Nightly report' } } } });

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The execution finishes: the worker's announcement after its last step, then the outcome's. */
async function finish(executionId: string): Promise<void> {
  await rows.executionStatus(executionId, 'succeeded');
  await publishExecution(federation, ada.orgId, executionId);
  await publishExecution(federation, ada.orgId, executionId);
}

/** Posts an SSE subscription and reads the whole stream: its events, once the server ends it. */
async function sseEvents(executionId: string, whenSubscribed: () => Promise<void>): Promise<{ event: string; data: unknown }[]> {
  const response = await fetch(`${federation.gateway.url}/stream`, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...ada.headers },
    body: JSON.stringify({ query: UPDATES, variables: { id: executionId } }),
  });
  expect(response.status).toBe(200);
  const text = response.text();
  await whenSubscribed();
  const blocks = (await within(text, 10_000, 'the SSE stream to end')).split('\n\n').filter((block) => /^event: /m.test(block));
  return blocks.map((block) => {
    const data = /^data: (.*)$/m.exec(block)?.[1];
    return { event: /^event: (.*)$/m.exec(block)![1], data: data ? JSON.parse(data) : null };
  });
}

const upstreamOpen = async (executionId: string) =>
  (await subscribersOf(federation, executionUpdatedChannel(federation, executionId))) === 1;
const upstreamClosed = async (executionId: string) =>
  (await subscribersOf(federation, executionUpdatedChannel(federation, executionId))) === 0;

it('graphql-ws: delivers the finished execution once, then completes the subscription', async () => {
  const executionId = await anExecution();
  const client = wsClient(federation.gateway.url, ada.headers);
  const updates = collect(client, UPDATES, { id: executionId });
  await until(() => upstreamOpen(executionId), 10_000, 'the upstream subscription');
  await publishExecution(federation, ada.orgId, executionId);
  expect(await updates.next()).toEqual(event(executionId, 'QUEUED'));

  await finish(executionId);
  expect(await within(updates.ended, 10_000, 'completion')).toEqual({});
  expect(updates.all).toEqual([event(executionId, 'QUEUED'), event(executionId, 'SUCCEEDED')]);
  await until(() => upstreamClosed(executionId), 10_000, 'the upstream subscription to end');
  await client.dispose();
});

it('graphql-ws: an execution already finished is delivered once at once, and the subscription completes', async () => {
  const executionId = await anExecution();
  await rows.executionStatus(executionId, 'failed');
  const client = wsClient(federation.gateway.url, ada.headers);
  const updates = collect(client, UPDATES, { id: executionId });
  expect(await within(updates.ended, 10_000, 'completion')).toEqual({});
  expect(updates.all).toEqual([event(executionId, 'FAILED')]);
  await until(() => upstreamClosed(executionId), 10_000, 'the upstream subscription to end');
  await client.dispose();
});

it('SSE: delivers the finished execution once, then sends complete and ends the response', async () => {
  const executionId = await anExecution();
  const events = await sseEvents(executionId, async () => {
    await until(() => upstreamOpen(executionId), 10_000, 'the upstream subscription');
    await publishExecution(federation, ada.orgId, executionId);
    await rows.executionStatus(executionId, 'running');
    await publishExecution(federation, ada.orgId, executionId);
    await finish(executionId);
  });
  // The QUEUED announcement may be read after the row changed: what matters is the end.
  expect(events.at(-1)).toEqual({ event: 'complete', data: null });
  const finished = events.filter((e) => JSON.stringify(e.data).includes('SUCCEEDED'));
  expect(finished).toEqual([{ event: 'next', data: event(executionId, 'SUCCEEDED') }]);
  expect(events.slice(0, -2).every((e) => e.event === 'next' && !JSON.stringify(e.data).includes('SUCCEEDED'))).toBe(true);
  await until(() => upstreamClosed(executionId), 10_000, 'the upstream subscription to end');
});

it('SSE: an execution already finished is delivered once at once, then the stream completes', async () => {
  const executionId = await anExecution();
  await rows.executionStatus(executionId, 'cancelled');
  const events = await sseEvents(executionId, async () => undefined);
  expect(events).toEqual([
    { event: 'next', data: event(executionId, 'CANCELLED') },
    { event: 'complete', data: null },
  ]);
});
