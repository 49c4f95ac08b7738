import type { ChildProcess } from 'node:child_process';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startHeldStepServer, type HeldStepServer } from './support/held-step-server';
import { killProcess, startWorkflowWorkerProcess } from './support/workflow-worker-process';
import { until } from '@flowgraph/kernel/testing';

let h: ExecutionHarness;
let web: HeldStepServer;
const processes: ChildProcess[] = [];

beforeAll(async () => {
  h = await startExecutionHarness('exec_crash');
  web = await startHeldStepServer();
});

afterEach(async () => {
  for (const child of processes.splice(0)) await killProcess(child, 'SIGTERM');
  web.dropHeld();
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = await startWorkflowWorkerProcess({ ...h.env, ...env });
  processes.push(child);
  return child;
}

describe('a worker killed mid-run', () => {
  it('is resumed by another worker process from the last completed step, once, without repeating recorded side effects', async () => {
    web.holding = true;
    const workflowId = await h.seedWorkflow(web.definition());
    const a = await startWorker();
    const id = await h.execute(workflowId);
    await until(async () => web.keysSeen('/hold/second').length === 1, 15_000, 'the second step to be in flight');
    const [running] = await h.owner('select status from workflow.executions where id = $1', [id]);
    expect(running!.status).toBe('running');

    await killProcess(a, 'SIGKILL');
    web.holding = false;
    await startWorker();

    const done = await h.waitForStatus(id, ['succeeded', 'failed'], 20_000);
    expect(done.status).toBe('succeeded');
    const steps = Object.fromEntries((await h.steps(id)).map((s) => [s.step_id, s]));
    // The recorded step's side effect happened exactly once.
    expect(web.keysSeen('/first')).toEqual([`${id}:first`]);
    expect(steps.first.attempts).toBe(1);
    // The interrupted step was repeated with the same key, so the receiver can recognise the repeat.
    expect(web.keysSeen('/hold/second')).toEqual([`${id}:second`, `${id}:second`]);
    expect(steps.second.attempts).toBe(2);
    expect(web.keysSeen('/third')).toEqual([`${id}:third`]);
    // Exactly one execution, completed once.
    expect(await h.owner('select id from workflow.executions where workflow_id = $1', [workflowId])).toHaveLength(1);
  }, 180_000);

  it('is marked failed with the reason once it stalled more often than allowed', async () => {
    web.holding = true;
    web.seen.splice(0);
    const workflowId = await h.seedWorkflow(web.definition());
    const a = await startWorker({ WORKFLOW_MAX_STALLED_COUNT: '0' });
    const id = await h.execute(workflowId);
    await until(async () => web.keysSeen('/hold/second').length === 1, 15_000, 'the second step to be in flight');
    await killProcess(a, 'SIGKILL');
    await startWorker({ WORKFLOW_MAX_STALLED_COUNT: '0' });

    const done = await h.waitForStatus(id, ['succeeded', 'failed'], 20_000);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/stopped responding/);
    expect(web.keysSeen('/hold/second')).toHaveLength(1);
  }, 180_000);
});
