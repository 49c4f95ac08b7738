import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startTestHttpServer } from './support/test-http-server';
import { AddressPolicy } from '@flowgraph/kernel';
import { createHttpRequestStep } from '../src/modules/steps/http-request.step';
import { until } from '@flowgraph/kernel/testing';

let h: ExecutionHarness;
let web: Awaited<ReturnType<typeof startTestHttpServer>>;
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  // A short dependency horizon, so a wait that runs out fits in a test.
  h = await startExecutionHarness('exec_engine', { WORKFLOW_DEPENDENCY_WAIT_MS: '3000', WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS: '300' });
  web = await startTestHttpServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/flaky')) {
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(500).end('broken');
        return;
      }
    }
    if (path.startsWith('/down')) {
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(503).end('restarting');
        return;
      }
    }
    if (path.startsWith('/slow')) return void setTimeout(() => res.writeHead(200).end('{}'), 2000);
    if (path.startsWith('/missing')) return void res.writeHead(404).end('no');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, path }));
  });
  await h.startWorker();
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

describe('the execution engine', () => {
  it('runs the condition branch taken, skips the other, and joins a fan-in once every live parent succeeded', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        { id: 'double', type: 'transform', config: { expression: '{ "n": input.n * 2 }' } },
        { id: 'big', type: 'condition', config: { expression: 'steps.double.output.n > 10' } },
        { id: 'yes', type: 'transform', config: { expression: '{ "branch": "big" }' } },
        { id: 'no', type: 'transform', config: { expression: '{ "branch": "small" }' } },
        { id: 'side', type: 'transform', config: { expression: '{ "side": true }' } },
        { id: 'join', type: 'transform', config: { expression: '{ "joined": $count($keys(steps)) }' } },
      ],
      edges: [
        { from: 'double', to: 'big' },
        { from: 'big', to: 'yes', when: 'true' },
        { from: 'big', to: 'no', when: 'false' },
        { from: 'double', to: 'side' },
        { from: 'yes', to: 'join' },
        { from: 'no', to: 'join' },
        { from: 'side', to: 'join' },
      ],
    });
    const id = await h.execute(workflowId, { n: 7 });
    const done = await h.waitForStatus(id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const steps = Object.fromEntries((await h.steps(id)).map((s) => [s.step_id, s]));
    expect(steps.double.output).toEqual({ n: 14 });
    expect(steps.big.output).toEqual({ result: true });
    expect(steps.yes.status).toBe('succeeded');
    expect(steps.no.status).toBe('skipped');
    expect(steps.join.status).toBe('succeeded');
    // double, big, yes, side ran before the join (no is skipped, so has no output).
    expect(steps.join.output).toEqual({ joined: 4 });
    expect(done.output).toEqual({ join: { joined: 4 } });
  });

  it('retries a failing step with backoff, records each attempt, and sends the same Idempotency-Key every time', async () => {
    failuresLeft.set('/flaky/a', 2);
    const workflowId = await h.seedWorkflow({
      steps: [
        {
          id: 'call',
          type: 'http_request',
          config: { url: `${web.url}/flaky/a`, method: 'POST', body: { x: 1 } },
          retry: { maxAttempts: 3, backoffMs: 50 },
        },
      ],
      edges: [],
    });
    const id = await h.execute(workflowId);
    expect((await h.waitForStatus(id, ['succeeded', 'failed'])).status).toBe('succeeded');
    const [step] = await h.steps(id);
    expect(step.attempts).toBe(3);
    expect(step.output.status).toBe(200);
    const keys = web.seen.filter((s) => s.path === '/flaky/a').map((s) => s.idempotencyKey);
    expect(keys).toEqual([`${id}:call`, `${id}:call`, `${id}:call`]);
  });

  it('fails after the last attempt with the reason, and does not retry a permanent 404', async () => {
    failuresLeft.set('/flaky/b', 10);
    const workflowId = await h.seedWorkflow({
      steps: [{ id: 'gone', type: 'http_request', config: { url: `${web.url}/missing` }, retry: { maxAttempts: 3, backoffMs: 10 } }],
      edges: [],
    });
    const permanent = await h.execute(workflowId);
    const failed = await h.waitForStatus(permanent, ['succeeded', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/gone failed: HTTP 404/);
    expect((await h.steps(permanent))[0].attempts).toBe(1);

    const flakyId = await h.seedWorkflow({
      steps: [{ id: 'flaky', type: 'http_request', config: { url: `${web.url}/flaky/b` }, retry: { maxAttempts: 2, backoffMs: 10 } }],
      edges: [],
    });
    const exhausted = await h.waitForStatus(await h.execute(flakyId), ['succeeded', 'failed']);
    expect(exhausted.error).toMatch(/HTTP 500 .*after 2 attempts/);
  });

  it('waits for a host answering 503 without spending attempts, says whom it waits on, then goes on', async () => {
    failuresLeft.set('/down/a', 8);
    const workflowId = await h.seedWorkflow({
      steps: [{ id: 'call', type: 'http_request', config: { url: `${web.url}/down/a` }, retry: { maxAttempts: 2, backoffMs: 50 } }],
      edges: [],
    });
    const id = await h.execute(workflowId);
    const host = new URL(web.url).host;
    const query = `query($id: ID!) { execution(id: $id) { status waitingOn steps { status attempts waitingOn waitingSince } } }`;
    const waiting = await until(
      async () => {
        const execution = (await h.call(query, { id })).data?.execution;
        return execution?.waitingOn ? execution : null;
      },
      10_000,
      'the execution to show its wait',
    );
    expect(waiting).toMatchObject({ status: 'RUNNING', waitingOn: host, steps: [{ waitingOn: host }] });
    expect(Date.parse(waiting.steps[0].waitingSince)).toBeLessThanOrEqual(Date.now());
    expect((await h.waitForStatus(id, ['succeeded', 'failed'])).status).toBe('succeeded');
    // Eight unreachable tries, yet only the successful one counts against maxAttempts 2.
    expect(web.seen.filter((s) => s.path === '/down/a')).toHaveLength(9);
    const done = (await h.call(query, { id })).data?.execution;
    expect(done).toEqual({
      status: 'SUCCEEDED',
      waitingOn: null,
      steps: [{ status: 'SUCCEEDED', attempts: 1, waitingOn: null, waitingSince: null }],
    });
  });

  it('fails a step whose dependency stays unreachable past WORKFLOW_DEPENDENCY_WAIT_MS, saying so', async () => {
    const closed = await startTestHttpServer(() => undefined);
    await closed.close(); // nothing listens there any more: connections are refused
    const workflowId = await h.seedWorkflow({
      steps: [{ id: 'call', type: 'http_request', config: { url: `${closed.url}/x` }, retry: { maxAttempts: 5, backoffMs: 50 } }],
      edges: [],
    });
    const started = Date.now();
    const failed = await h.waitForStatus(await h.execute(workflowId), ['succeeded', 'failed']);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      new RegExp(`^Step call failed: 127\\.0\\.0\\.1:\\d+ unreachable \\(ECONNREFUSED\\) \\(127\\.0\\.0\\.1:\\d+ unreachable for 3 s\\)$`),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  });

  it('times a step out after its timeoutMs', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        { id: 'slow', type: 'http_request', config: { url: `${web.url}/slow` }, timeoutMs: 200, retry: { maxAttempts: 1, backoffMs: 0 } },
      ],
      edges: [],
    });
    const started = Date.now();
    const done = await h.waitForStatus(await h.execute(workflowId), ['succeeded', 'failed']);
    expect(done.error).toMatch(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it('refuses metadata and private addresses that are not allowed, without retrying', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        {
          id: 'meta',
          type: 'http_request',
          config: { url: 'http://169.254.169.254/latest/meta-data' },
          retry: { maxAttempts: 3, backoffMs: 10 },
        },
      ],
      edges: [],
    });
    const done = await h.waitForStatus(await h.execute(workflowId), ['succeeded', 'failed']);
    expect(done.error).toMatch(/Refused to call 169\.254\.169\.254/);
    expect((await h.steps(done.id))[0].attempts).toBe(1);
  });

  it('checks the addresses a host name resolves to (localhost is refused unless allowed)', async () => {
    const run = (allowed: string) => {
      const step = createHttpRequestStep({ policy: AddressPolicy.fromList(allowed) });
      const context = {
        executionId: 'e',
        orgId: 'o',
        ownerId: 'u',
        attempt: 1,
        idempotencyKey: 'e:s',
        signal: new AbortController().signal,
        step: { id: 's', type: 'http_request' as const, config: { url: `${web.url.replace('127.0.0.1', 'localhost')}/named` } },
        data: { input: {}, steps: {} },
      };
      return step.run(context).finally(() => step.close());
    };
    await expect(run('')).rejects.toThrow(/Refused to call localhost: it resolves to (127\.0\.0\.1|::1)/);
    await expect(run('localhost')).resolves.toMatchObject({ output: { status: 200 } });
  });

  it('waits in a delay step without holding a worker, then goes on', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        { id: 'wait', type: 'delay', config: { ms: 400 } },
        { id: 'after', type: 'transform', config: { expression: '{ "done": true }' } },
      ],
      edges: [{ from: 'wait', to: 'after' }],
    });
    const id = await h.execute(workflowId);
    await until(async () => (await h.executionQueue.getJob(id))?.isDelayed(), 5000, 'the job to be delayed');
    const done = await h.waitForStatus(id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.finished_at.getTime() - done.started_at.getTime()).toBeGreaterThanOrEqual(400);
  });

  it('returns the same execution for the same idempotency key', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    const [a, b] = await Promise.all([h.execute(workflowId, {}, 'key-1'), h.execute(workflowId, {}, 'key-1')]);
    expect(a).toBe(b);
    const rows = await h.owner('select id from workflow.executions where workflow_id = $1', [workflowId]);
    expect(rows).toHaveLength(1);
  });

  it('never runs more executions of a workflow at once than its concurrency limit', async () => {
    const workflowId = await h.seedWorkflow(
      { steps: [{ id: 'wait', type: 'delay', config: { ms: 150 } }], edges: [] },
      { concurrencyLimit: 2 },
    );
    const ids = await Promise.all(Array.from({ length: 12 }, () => h.execute(workflowId)));
    let peak = 0;
    const sampler = setInterval(() => {
      void h
        .owner(`select count(*)::int as n from workflow.executions where workflow_id = $1 and status = 'running'`, [workflowId])
        .then(([row]) => (peak = Math.max(peak, row!.n)));
    }, 20);
    try {
      for (const id of ids) expect((await h.waitForStatus(id, ['succeeded', 'failed'], 30_000)).status).toBe('succeeded');
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2);
    // Overlap check on the recorded timings, not just samples: at no instant were more than 2 running.
    const rows = await h.owner('select started_at, finished_at from workflow.executions where workflow_id = $1', [workflowId]);
    for (const a of rows) {
      const overlapping = rows.filter((b) => b.started_at <= a.started_at && b.finished_at > a.started_at);
      expect(overlapping.length).toBeLessThanOrEqual(2);
    }
  }, 40_000);
});
