import { spawn, type ChildProcess } from 'node:child_process';
import { createLogger, createRedis, type Redis, type RunningServer } from '@flowgraph/kernel';
import { postGraphQL, until } from '@flowgraph/kernel/testing';
import { startWorkflowServer } from '../src/server';
import { createWorkflowServerResources } from '../src/server-resources';
import { EXECUTE, startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startTestHttpServer } from './support/test-http-server';

let h: ExecutionHarness;
let redisServer: ChildProcess;
let redis: Redis;
let resources: ReturnType<typeof createWorkflowServerResources>;
let server: RunningServer;

beforeAll(async () => {
  h = await startExecutionHarness('redis_outage');
  // The subgraph's queues on a private Redis this file freezes and kills; the shared one stays up.
  const probe = await startTestHttpServer(() => undefined);
  const port = Number(new URL(probe.url).port);
  await probe.close();
  redisServer = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  redis = createRedis(url);
  redis.on('error', () => undefined);
  await until(async () => (await redis.ping().catch(() => null)) === 'PONG', 5000, 'the private Redis to start');
  resources = createWorkflowServerResources(redis, { ...h.config, REDIS_URL: url });
  const logger = createLogger('workflow', process.env.TEST_LOG ?? 'silent');
  server = await startWorkflowServer({ orm: h.orm, logger, identitySecret: h.config.IDENTITY_SECRET, ...resources });
});

afterAll(async () => {
  if (redisServer.exitCode === null && redisServer.signalCode === null) {
    redisServer.kill('SIGCONT');
    redisServer.kill('SIGKILL');
  }
  await h?.close();
});

it('answers executeWorkflow at once while Redis hangs, and the committed execution still runs, once', async () => {
  const workflowId = await h.seedWorkflow({
    steps: [{ id: 'only', type: 'transform', config: { expression: '{ "ran": true }' } }],
    edges: [],
  });
  redisServer.kill('SIGSTOP');
  const started = Date.now();
  const response = await postGraphQL<{ executeWorkflow: { execution: { id: string; status: string } } }>(
    server.url,
    EXECUTE,
    { input: { workflowId, input: {}, idempotencyKey: 'during-outage' } },
    { identity: h.member, secret: h.config.IDENTITY_SECRET },
  );
  expect(Date.now() - started).toBeLessThan(3000);
  expect(response.errors).toBeUndefined();
  const { id, status } = response.data!.executeWorkflow.execution;
  expect(status).toBe('QUEUED');

  // Redis comes back only to be lost for good, with whatever job it took: the row is what counts.
  redisServer.kill('SIGCONT');
  await server.stop();
  await resources.close();
  redis.disconnect();
  redisServer.kill('SIGKILL');
  // A worker on the shared Redis: its sweeper finds the queued row and runs it.
  await h.startWorker();
  const done = await h.waitForStatus(id, ['succeeded', 'failed'], 20_000);
  expect(done.status).toBe('succeeded');
  expect((await h.steps(id)).map((s) => [s.step_id, s.status, s.attempts])).toEqual([['only', 'succeeded', 1]]);
  expect(await h.owner(`select count(*)::int as n from workflow.executions where workflow_id = $1`, [workflowId])).toEqual([{ n: 1 }]);
});
