import type { ChildProcess } from 'node:child_process';
import { startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';
import { killProcess, startTriggerWorkerProcess } from './support/workflow-worker-process';
import { until } from '@flowgraph/kernel/testing';

let h: TriggerHarness;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  h = await startTriggerHarness('wfcron');
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => killProcess(worker, 'SIGTERM')));
  await h.close();
});

interface TickRow extends Record<string, unknown> {
  idempotency_key: string;
  scheduled_at: string;
  n: string;
}

it('starts exactly one execution per cron tick with two worker processes running', async () => {
  const workflowId = await h.seedWorkflow();
  const added = await h.call(`mutation($input: AddTriggerInput!) { addTrigger(input: $input) { trigger { id } } }`, {
    input: { workflowId, kind: 'CRON', cron: { pattern: '* * * * * *' } },
  });
  const triggerId = added.data!.addTrigger.trigger.id;
  const env = { DATABASE_APP_URL: h.db.appUrl, REDIS_PREFIX: h.config.REDIS_PREFIX, LOG_LEVEL: 'silent' };
  workers.push(...(await Promise.all([startTriggerWorkerProcess(env), startTriggerWorkerProcess(env)])));
  // Ticks due while no worker ran are not caught up (BullMQ schedules the next one from now): count from here.
  const bothReady = Date.now();

  const ticks = () =>
    h.owner<TickRow>(
      `select idempotency_key, input->'trigger'->>'scheduledAt' as scheduled_at, count(*) over (partition by idempotency_key) as n
       from workflow.executions where trigger_id = $1 order by scheduled_at`,
      [triggerId],
    );
  const sinceReady = async () => (await ticks()).filter((r) => Date.parse(r.scheduled_at) > bothReady);
  await until(async () => ((await sinceReady()).length >= 5 ? true : undefined), 20_000, 'five cron runs', 200);
  await Promise.all(workers.map((worker) => killProcess(worker, 'SIGTERM')));

  expect((await ticks()).every((r) => Number(r.n) === 1)).toBe(true);
  const rows = await sinceReady();
  expect(rows.every((r) => r.idempotency_key === `cron:${triggerId}:${Date.parse(r.scheduled_at)}`)).toBe(true);
  // Every second between the first and the last tick produced its execution: none skipped, none doubled.
  const seconds = rows.map((r) => Date.parse(r.scheduled_at) / 1000);
  expect(seconds).toEqual(seconds.map((_, i) => seconds[0] + i));
  // And BullMQ ran each tick's job once: no job found its execution already started.
  const completed = (await h.triggersQueue.getCompleted(0, -1)).filter((job) => job.name === 'cron-trigger');
  expect(completed.length).toBeGreaterThanOrEqual((await ticks()).length);
  expect(completed.filter((job) => job.returnvalue?.created === false)).toEqual([]);
  expect(new Set(completed.map((job) => job.opts.prevMillis)).size).toBe(completed.length);
});
