import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { AddressPolicy, createLogger, createOrm, createRedis, RedisPubSub, type Redis } from '@flowgraph/kernel';
import { freePort, until } from '@flowgraph/kernel/testing';
import { entities } from '../src/entities';
import { executionJobOptions, type ExecutionJobData } from '../src/modules/executions/execution.job';
import { ExecutionProcessor } from '../src/modules/executions/execution.processor';
import { ExecutionUpdates } from '../src/modules/executions/execution-updates';
import { createStepRunners } from '../src/modules/steps/step-runners';
import { CoreClient } from '../src/modules/steps/core-client';
import { IntegrationClient } from '../src/modules/steps/integration-client';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startTestHttpServer } from './support/test-http-server';

/**
 * Executions left `running` with no job BullMQ will run (issue 18, chaos tests): the sweeper
 * resumes or fails them, and a database outage no longer spends a job's attempts.
 */
let h: ExecutionHarness;
let web: Awaited<ReturnType<typeof startTestHttpServer>>;
const arrivals: string[] = [];

beforeAll(async () => {
  h = await startExecutionHarness('exec_recovery'); // sweeps every second
  web = await startTestHttpServer((req, res) => {
    arrivals.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

/** A running execution as a worker left it: started 10 s ago, its delay step begun and due. */
async function runningExecution(workflowId: string): Promise<string> {
  const id = randomUUID();
  await h.owner(
    `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind, input, queued_at, started_at)
     values ($1, $2, $3, 1, 'running', 'manual', '{}', now() - interval '11 seconds', now() - interval '10 seconds')`,
    [id, h.orgId, workflowId],
  );
  await h.owner(
    `insert into workflow.step_runs (id, org_id, execution_id, step_id, type, status, attempts, input, resume_at, started_at)
     values (gen_random_uuid(), $1, $2, 'wait', 'delay', 'running', 1, '{"ms": 100}', now() - interval '9 seconds', now() - interval '10 seconds')`,
    [h.orgId, id],
  );
  return id;
}

const delayThenCall = (path: string) => ({
  steps: [
    { id: 'wait', type: 'delay', config: { ms: 100 } },
    { id: 'call', type: 'http_request', config: { url: `${web.url}${path}` } },
  ],
  edges: [{ from: 'wait', to: 'call' }],
});

describe('the sweeper and running executions', () => {
  it('records the failure of a running execution whose job failed while the failure could not be recorded', async () => {
    const workflowId = await h.seedWorkflow(delayThenCall('/failed-job'));
    const id = await runningExecution(workflowId);
    // The job failed for good (its last attempt spent) before any worker of this test listened for it.
    await h.executionQueue.add('execute', { executionId: id, orgId: h.orgId }, { ...executionJobOptions(id), attempts: 1 });
    const connection = createRedis(h.config.REDIS_URL, { forWorkers: true });
    const taker = new Worker<ExecutionJobData>(h.executionQueue.name, null, {
      connection,
      prefix: h.executionQueue.opts.prefix,
      autorun: false,
    });
    try {
      const token = randomUUID();
      const job = await taker.getNextJob(token);
      expect(job?.id).toBe(id);
      await job!.moveToFailed(new Error('Connection terminated unexpectedly'), token);
      expect(await h.executionQueue.getJobState(id)).toBe('failed');
    } finally {
      await taker.close();
      connection.disconnect();
    }

    await h.startWorker();
    const failed = await h.waitForStatus(id, ['failed', 'succeeded'], 10_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('The execution could not be processed: Connection terminated unexpectedly');
    expect(arrivals).not.toContain('/failed-job');
  });

  it('resumes a running execution whose job is gone, from its recorded progress, exactly once', async () => {
    const workflowId = await h.seedWorkflow(delayThenCall('/lost-job'));
    const id = await runningExecution(workflowId);
    expect(await h.executionQueue.getJobState(id)).toBe('unknown');
    const done = await h.waitForStatus(id, ['failed', 'succeeded'], 10_000);
    expect(done.status).toBe('succeeded');
    // The delay was not begun again, and the next step ran once, across several more sweeps.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(arrivals.filter((path) => path === '/lost-job')).toHaveLength(1);
    expect((await h.steps(id)).map((s) => [s.step_id, s.status, s.attempts])).toEqual([
      ['wait', 'succeeded', 1],
      ['call', 'succeeded', 1],
    ]);
  });

  it('leaves a running execution alone while its job waits in the delayed set', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 'wait', type: 'delay', config: { ms: 60_000 } }], edges: [] });
    const id = await h.execute(workflowId);
    await until(async () => (await h.executionQueue.getJobState(id)) === 'delayed', 10_000, 'the delay to park the job');
    await h.owner(`update workflow.executions set started_at = now() - interval '10 seconds' where id = $1`, [id]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await h.executionQueue.getJobState(id)).toBe('delayed');
    expect((await h.owner('select status from workflow.executions where id = $1', [id]))[0]!.status).toBe('running');
    expect((await h.steps(id)).map((s) => [s.step_id, s.status, s.attempts])).toEqual([['wait', 'running', 1]]);
  });
});

describe('an execution job while Postgres is unreachable', () => {
  let redis: Redis;
  let queue: Queue<ExecutionJobData>;

  beforeAll(() => {
    redis = createRedis(h.config.REDIS_URL, { forWorkers: true });
    queue = new Queue<ExecutionJobData>(`outage-${randomUUID()}`, { connection: redis, prefix: h.executionQueue.opts.prefix });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  });

  it('waits in the delayed set without spending its attempts', async () => {
    // Nothing listens on this port: every statement fails with ECONNREFUSED.
    const orm = await createOrm({ url: `postgres://flowgraph@127.0.0.1:${await freePort()}/gone`, entities, extra: { connect: false } });
    const runners = createStepRunners({
      core: new CoreClient({ origin: h.config.CORE_ORIGIN, identitySecret: h.config.IDENTITY_SECRET }),
      integration: new IntegrationClient({ origin: h.config.INTEGRATION_ORIGIN, identitySecret: h.config.IDENTITY_SECRET }),
      addressPolicy: AddressPolicy.fromList('127.0.0.1', 'hosts'),
    });
    const processor = new ExecutionProcessor({
      root: orm.em,
      runners,
      updates: new ExecutionUpdates(new RedisPubSub(redis), h.config.REDIS_PREFIX),
      logger: createLogger('workflow', process.env.TEST_LOG ?? 'silent'),
      dependencyWait: { horizonMs: 60_000, maxBackoffMs: 200 },
    });
    const eventsConnection = redis.duplicate();
    const workerConnection = redis.duplicate();
    const events = new QueueEvents(queue.name, { connection: eventsConnection, prefix: queue.opts.prefix });
    const parkedFor: number[] = [];
    events.on('delayed', ({ delay }) => parkedFor.push(Number(delay) - Date.now()));
    await events.waitUntilReady();
    const worker = new Worker<ExecutionJobData>(queue.name, processor.process, { connection: workerConnection, prefix: queue.opts.prefix });
    const id = randomUUID();
    try {
      // Two attempts would be spent in well under a second if the outage counted against them.
      await queue.add('execute', { executionId: id, orgId: randomUUID() }, { ...executionJobOptions(id), attempts: 2 });
      await until(() => parkedFor.length >= 5, 15_000, 'five waits for the database');
      const job = await queue.getJob(id);
      expect(job!.attemptsMade).toBe(0);
      expect(['delayed', 'active', 'waiting']).toContain(await job!.getState());
      // Half to all of the 200 ms ceiling (less what the event took to arrive).
      for (const ms of parkedFor) expect(ms).toBeLessThanOrEqual(200);
    } finally {
      await worker.close();
      await events.close();
      eventsConnection.disconnect();
      workerConnection.disconnect();
      await runners.close();
      await orm.close();
    }
  });
});
