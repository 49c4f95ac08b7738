import type { AddressInfo } from 'node:net';
import express from 'express';
import {
  INTERNAL_ACTIONS_PATH,
  internalActionRequest,
  type InternalActionRequest,
  type InternalActionResponse,
} from '@flowgraph/contracts';
import { createLogger, internalRoute, loadConfig, type Identity } from '@flowgraph/kernel';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';

/**
 * The connector_action step against a stand-in for Integration's internal route (the contract's
 * shapes, signed like the real one): each outcome leads to what the engine should do next.
 * e2e/test/connector-loop.test.ts runs it against the real Integration subgraph.
 */
let h: ExecutionHarness;
let close: () => Promise<void>;
const answers: InternalActionResponse[] = [];
const calls: { identity: Identity; input: InternalActionRequest }[] = [];

beforeAll(async () => {
  const app = express();
  internalRoute({
    method: 'POST',
    path: INTERNAL_ACTIONS_PATH,
    input: internalActionRequest,
    identitySecret: loadConfig().IDENTITY_SECRET,
    logger: createLogger('integration-stand-in', 'silent'),
    unsigned: 'A signed service identity is required',
    handle: async (call) => {
      calls.push(call);
      return answers.shift() ?? { outcome: 'rejected', message: 'no answer queued' };
    },
  })(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  h = await startExecutionHarness('connector_step', {
    INTEGRATION_ORIGIN: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS: '200',
  });
  await h.startWorker();
});

afterAll(async () => {
  await h?.close();
  await close?.();
});

beforeEach(() => {
  answers.length = 0;
  calls.length = 0;
});

const postStep = {
  steps: [
    {
      id: 'post',
      type: 'connector_action',
      config: { connector: 'slack', action: 'post_message', input: { channel: '#reviews', text: '{{ "PR " & input.title }}' } },
      retry: { maxAttempts: 2, backoffMs: 50 },
    },
  ],
  edges: [],
};

it('fails at once, naming what to connect, when the organization has not connected the connector', async () => {
  answers.push({ outcome: 'not_connected', message: 'INTEGRATION_NOT_CONNECTED: connect Slack for this organization' });
  const id = await h.execute(await h.seedWorkflow(postStep), { title: 'opened' });
  const done = await h.waitForStatus(id, ['succeeded', 'failed']);
  expect(done.status).toBe('failed');
  expect(done.error).toBe('Step post failed: INTEGRATION_NOT_CONNECTED: connect Slack for this organization');
  expect(calls).toHaveLength(1);
  expect((await h.steps(id))[0].attempts).toBe(1);
});

it('sends the evaluated input with the step idempotency key, acting for the owner, and records the output', async () => {
  answers.push({
    outcome: 'succeeded',
    integrationId: '7f8a1c52-5a3a-4b8e-9d43-4c2d3b0c9e11',
    output: { channel: '#reviews', ts: '1.000001' },
    replayed: false,
  });
  const id = await h.execute(await h.seedWorkflow(postStep), { title: 'opened' });
  const done = await h.waitForStatus(id, ['succeeded', 'failed']);
  expect(done.status).toBe('succeeded');
  expect(calls[0]!.input).toEqual({
    connector: 'slack',
    action: 'post_message',
    input: { channel: '#reviews', text: 'PR opened' },
    idempotencyKey: `${id}:post`,
  });
  expect(calls[0]!.identity).toMatchObject({ orgId: h.orgId, userId: h.member.userId, authMethod: 'service' });
  expect((await h.steps(id))[0]).toMatchObject({ status: 'succeeded', output: { channel: '#reviews', ts: '1.000001' } });
});

it('waits out a rate limit and an outage without spending attempts, with the same idempotency key each time', async () => {
  answers.push(
    { outcome: 'retry_later', message: 'Slack rate limit for this account reached', retryAfterMs: 200 },
    { outcome: 'unavailable', message: 'slack.post_message: Circuit open', retryAfterMs: 100 },
    { outcome: 'retry_later', message: 'An earlier attempt is still running', retryAfterMs: 100 },
    { outcome: 'succeeded', integrationId: '7f8a1c52-5a3a-4b8e-9d43-4c2d3b0c9e11', output: { ts: '2.000001' }, replayed: true },
  );
  const id = await h.execute(await h.seedWorkflow(postStep), { title: 'again' });
  const done = await h.waitForStatus(id, ['succeeded', 'failed']);
  expect(done.status).toBe('succeeded');
  expect(calls.map((c) => c.input.idempotencyKey)).toEqual(Array(4).fill(`${id}:post`));
  // maxAttempts is 2: had the waits counted, the step would have failed.
  expect((await h.steps(id))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
});

it('retries a transient failure as an attempt, and fails a rejected call without retrying', async () => {
  answers.push(
    { outcome: 'failed', message: 'slack.post_message failed: socket hang up' },
    { outcome: 'rejected', message: 'slack.post_message: Slack /chat.postMessage: channel_not_found' },
  );
  const id = await h.execute(await h.seedWorkflow(postStep), { title: 'x' });
  const done = await h.waitForStatus(id, ['succeeded', 'failed']);
  expect(done.error).toBe('Step post failed: slack.post_message: Slack /chat.postMessage: channel_not_found');
  expect((await h.steps(id))[0].attempts).toBe(2);
});
