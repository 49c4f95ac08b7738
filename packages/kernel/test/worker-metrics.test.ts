import { Queue } from 'bullmq';
import { createRedis, loadConfig, startWorkerMetrics, type Redis, type WorkerMetrics } from '../src';
import { uniqueName } from '../src/testing';

const config = loadConfig();
const prefix = `${uniqueName('wm')}:bull`;
let redis: Redis;
let queue: Queue;
let metrics: WorkerMetrics;
const stream = `${prefix}:events`;

beforeAll(async () => {
  redis = createRedis(config.REDIS_URL);
  queue = new Queue('metrics-probe', { connection: redis, prefix });
  await redis.xgroup('CREATE', stream, 'readers', '$', 'MKSTREAM');
  metrics = await startWorkerMetrics({
    service: 'probe-worker',
    queues: ['metrics-probe', 'metrics-idle'],
    streams: [
      { key: stream, group: 'readers' },
      { key: `${prefix}:never-written`, group: 'readers' },
    ],
    connection: redis,
    prefix,
    port: 0,
  });
});

afterAll(async () => {
  await metrics.close();
  await queue.close();
  // Reading counts leaves a queue's meta key even where nothing was added: remove all of ours.
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it('shows the depth of each queue by state on the worker’s /metrics, counted at scrape time', async () => {
  // No worker consumes: three jobs wait, one is delayed.
  await queue.addBulk([1, 2, 3].map((n) => ({ name: 'probe', data: { n } })));
  await queue.add('later', {}, { delay: 60_000 });
  const response = await fetch(metrics.server!.url);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toMatch(/^bullmq_jobs\{queue="metrics-probe",state="waiting",service="probe-worker"\} 3$/m);
  expect(text).toMatch(/^bullmq_jobs\{queue="metrics-probe",state="delayed",service="probe-worker"\} 1$/m);
  expect(text).toMatch(/^bullmq_jobs\{queue="metrics-probe",state="active",service="probe-worker"\} 0$/m);
  expect(text).toMatch(/^bullmq_jobs\{queue="metrics-idle",state="waiting",service="probe-worker"\} 0$/m);

  await queue.add('probe', { n: 4 });
  expect(await (await fetch(metrics.server!.url)).text()).toMatch(
    /^bullmq_jobs\{queue="metrics-probe",state="waiting",service="probe-worker"\} 4$/m,
  );
});

it('shows how long the oldest waiting job of each queue has been due: 0 when none waits', async () => {
  // The jobs above were added at least this long ago; the delayed one is not due and does not count.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const text = await (await fetch(metrics.server!.url)).text();
  const age = Number(/^bullmq_oldest_waiting_job_age_seconds\{queue="metrics-probe",service="probe-worker"\} (\S+)$/m.exec(text)?.[1]);
  expect(age).toBeGreaterThanOrEqual(1);
  expect(age).toBeLessThan(60);
  expect(text).toMatch(/^bullmq_oldest_waiting_job_age_seconds\{queue="metrics-idle",service="probe-worker"\} 0$/m);
});

it('shows a consumer group’s lag and pending entries', async () => {
  for (let i = 0; i < 3; i++) await redis.xadd(stream, '*', 'n', String(i));
  // One entry delivered, not acknowledged: lag 2, pending 1.
  await redis.xreadgroup('GROUP', 'readers', 'probe-consumer', 'COUNT', 1, 'STREAMS', stream, '>');
  const text = await (await fetch(metrics.server!.url)).text();
  expect(text).toContain(`redis_stream_lag{stream="${stream}",group="readers",service="probe-worker"} 2`);
  expect(text).toContain(`redis_stream_pending{stream="${stream}",group="readers",service="probe-worker"} 1`);
  // A stream that does not exist yet is simply absent.
  expect(text).not.toContain('never-written');
});

it('answers 404 for anything but GET /metrics', async () => {
  expect((await fetch(new URL('/other', metrics.server!.url))).status).toBe(404);
});

it('collects process metrics only when served: unread, they would cost an idle worker CPU', async () => {
  expect(await (await fetch(metrics.server!.url)).text()).toMatch(/^nodejs_eventloop_lag_p99_seconds\{service="probe-worker"\} /m);
  const unserved = await startWorkerMetrics({ service: 'probe-worker', queues: ['metrics-idle'], connection: redis, prefix });
  try {
    expect(unserved.server).toBeUndefined();
    expect(unserved.registry.getSingleMetric('nodejs_eventloop_lag_p99_seconds')).toBeUndefined();
  } finally {
    await unserved.close();
  }
});
