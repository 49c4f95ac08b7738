import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import { createRedis } from '@flowgraph/kernel';
import { until } from '@flowgraph/kernel/testing';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startTestHttpServer } from './support/test-http-server';

let h: ExecutionHarness;
let web: Awaited<ReturnType<typeof startTestHttpServer>>;
/** Arrival time of every request, by path. */
const arrivals = new Map<string, number[]>();
const failuresLeft = new Map<string, number>();

beforeAll(async () => {
  h = await startExecutionHarness('exec_durability'); // sweeps every second
  web = await startTestHttpServer((req, res) => {
    const path = req.url ?? '';
    arrivals.set(path, [...(arrivals.get(path) ?? []), Date.now()]);
    const left = failuresLeft.get(path) ?? 0;
    if (left > 0) {
      failuresLeft.set(path, left - 1);
      return void res.writeHead(500).end('broken');
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('committed means it will run', () => {
  it('runs a queued execution whose job was lost exactly once, even with two workers sweeping', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [{ id: 'call', type: 'http_request', config: { url: `${web.url}/swept` } }],
      edges: [],
    });
    // Committed as queued, then the process died before adding its job: a row and no job.
    const id = randomUUID();
    await h.owner(
      `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind, input, queued_at)
       values ($1, $2, $3, 1, 'queued', 'manual', '{}', now() - interval '10 seconds')`,
      [id, h.orgId, workflowId],
    );
    expect(await h.executionQueue.getJob(id)).toBeUndefined();
    await h.startWorker();
    await h.startWorker();
    const done = await h.waitForStatus(id, ['succeeded', 'failed'], 10_000);
    expect(done.status).toBe('succeeded');
    // Several more sweeps of both workers: it does not run again.
    await sleep(3000);
    expect(arrivals.get('/swept')).toHaveLength(1);
    expect((await h.steps(id)).map((s) => [s.step_id, s.status, s.attempts])).toEqual([['call', 'succeeded', 1]]);
  });
});

describe('retries', () => {
  it('park the execution in the delayed set between attempts, for a random wait within backoffMs × 2^(attempt−1)', async () => {
    const backoffMs = 300;
    const runs = 6;
    const connection = createRedis(h.config.REDIS_URL, { forWorkers: true });
    const events = new QueueEvents(h.executionQueue.name, { connection, prefix: h.executionQueue.opts.prefix });
    const parked = new Map<string, { at: number; until: number }[]>();
    events.on('delayed', ({ jobId, delay }) => parked.set(jobId, [...(parked.get(jobId) ?? []), { at: Date.now(), until: Number(delay) }]));
    await events.waitUntilReady();
    try {
      const ids: string[] = [];
      for (let i = 0; i < runs; i++) {
        const path = `/retried/${i}`;
        failuresLeft.set(path, 3);
        const workflowId = await h.seedWorkflow({
          steps: [{ id: 'call', type: 'http_request', config: { url: `${web.url}${path}` }, retry: { maxAttempts: 4, backoffMs } }],
          edges: [],
        });
        ids.push(await h.execute(workflowId));
      }
      for (const id of ids) expect((await h.waitForStatus(id, ['succeeded', 'failed'])).status).toBe('succeeded');
      await until(async () => ids.every((id) => parked.get(id)?.length === 3) || null, 5000, 'every delayed event');

      const waits: number[] = [];
      ids.forEach((id, i) => {
        const times = arrivals.get(`/retried/${i}`)!;
        expect(times).toHaveLength(4);
        parked.get(id)!.forEach((park, k) => {
          const ceiling = backoffMs * 2 ** k; // after attempt k+1
          const wait = park.until - times[k]!;
          // Due within [0, ceiling] of the failed attempt (plus the time to record it), and the next attempt not before it is due.
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(ceiling + 150);
          expect(times[k + 1]!).toBeGreaterThanOrEqual(park.until - 20);
          waits.push(wait / ceiling);
        });
      });
      // Full jitter: the waits are spread over the range, not one fixed fraction of it.
      expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(0.3);
    } finally {
      await events.close();
      connection.disconnect();
    }
  });
});
