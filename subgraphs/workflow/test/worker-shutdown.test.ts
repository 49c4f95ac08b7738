import type { ChildProcess } from 'node:child_process';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startHeldStepServer, type HeldStepServer } from './support/held-step-server';
import { killProcess, startWorkflowWorkerProcess } from './support/workflow-worker-process';
import { until } from '@flowgraph/kernel/testing';

let h: ExecutionHarness;
let web: HeldStepServer;
const processes: ChildProcess[] = [];

beforeAll(async () => {
  // Locks and stall checks of a minute: a job that comes back sooner was handed back, not found stalled.
  h = await startExecutionHarness('exec_stop', { WORKFLOW_LOCK_DURATION_MS: '60000', WORKFLOW_STALLED_INTERVAL_MS: '60000' });
  web = await startHeldStepServer();
});

afterEach(async () => {
  for (const child of processes.splice(0)) await killProcess(child, 'SIGKILL');
  web.dropHeld();
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  // Started under tsx: slow on a busy machine.
  const child = await startWorkflowWorkerProcess({ ...h.env, ...env }, 150_000);
  processes.push(child);
  return child;
}

/** Sends SIGTERM; resolves with the exit code and how long the stop took. */
function terminate(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const began = Date.now();
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve({ code, ms: Date.now() - began }));
    child.kill('SIGTERM');
  });
}

async function startHeldExecution(worker: Record<string, string>) {
  web.holding = true;
  web.seen.splice(0);
  const workflowId = await h.seedWorkflow(web.definition());
  const child = await startWorker(worker);
  const id = await h.execute(workflowId);
  await until(async () => web.keysSeen('/hold/second').length === 1, 15_000, 'the second step to be in flight');
  return { child, id };
}

describe('a worker told to stop (SIGTERM) with a job in flight', () => {
  it('finishes the job when it can within the grace period, then exits 0', async () => {
    const { child, id } = await startHeldExecution({ SHUTDOWN_GRACE_MS: '15000' });
    const stopped = terminate(child);
    await new Promise((resolve) => setTimeout(resolve, 500));
    web.release();

    const { code } = await stopped;
    expect(code).toBe(0);
    const [execution] = await h.owner('select status from workflow.executions where id = $1', [id]);
    expect(execution!.status).toBe('succeeded');
    expect(web.keysSeen('/third')).toEqual([`${id}:third`]);
  }, 150_000);

  it('hands back a job that outlasts the grace period, exits 0, and a second worker completes it once', async () => {
    const { child, id } = await startHeldExecution({ SHUTDOWN_GRACE_MS: '3000' });
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));

    const { code, ms } = await terminate(child);
    // The log names what held a stop that overran (`pending`); it belongs in the failure message.
    expect({ code, log }).toEqual({ code: 0, log: expect.stringContaining('"msg":"stopped"') });
    expect(ms).toBeLessThan(3000);
    const job = (await h.executionQueue.getJob(id))!;
    expect(await job.getState()).toBe('waiting');
    expect({ stalledCounter: job.stalledCounter, failedReason: job.failedReason }).toEqual({ stalledCounter: 0, failedReason: undefined });

    web.holding = false;
    await startWorker();
    const execution = await h.waitForStatus(id, ['succeeded', 'failed'], 60_000);
    expect(execution.status).toBe('succeeded');
    // The interrupted step ran again with the same key; the steps before and after it ran once.
    expect(web.keysSeen('/first')).toEqual([`${id}:first`]);
    expect(web.keysSeen('/hold/second')).toEqual([`${id}:second`, `${id}:second`]);
    expect(web.keysSeen('/third')).toEqual([`${id}:third`]);
    // The interrupted attempt counts, as after a crash: the hand-back recorded nothing.
    const steps = await h.steps(id);
    expect(steps.map((s) => [s.step_id, s.status, s.attempts])).toEqual([
      ['first', 'succeeded', 1],
      ['second', 'succeeded', 2],
      ['third', 'succeeded', 1],
    ]);
    await until(async () => (await job.getState()) === 'completed', 15_000, 'the job to be completed');
  }, 150_000);
});
