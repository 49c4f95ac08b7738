import type { ChildProcess } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startTestHttpServer } from './support/test-http-server';
import { killProcess, startWorkflowWorkerProcess } from './support/workflow-worker-process';
import { until } from '@flowgraph/kernel/testing';

let h: ExecutionHarness;
let web: Awaited<ReturnType<typeof startTestHttpServer>>;
const processes: ChildProcess[] = [];
/** While true, /hold requests get no answer (the step is in flight when the worker is told to stop). */
let holding = true;
const held: ServerResponse[] = [];

beforeAll(async () => {
  // Locks and stall checks of a minute: a job that comes back sooner was handed back, not found stalled.
  h = await startExecutionHarness('exec_stop', { WORKFLOW_LOCK_DURATION_MS: '60000', WORKFLOW_STALLED_INTERVAL_MS: '60000' });
  web = await startTestHttpServer((req, res) => {
    if (req.url?.startsWith('/hold') && holding) return void held.push(res);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: req.url }));
  });
});

afterEach(async () => {
  for (const child of processes.splice(0)) await killProcess(child, 'SIGKILL');
  for (const res of held.splice(0)) res.destroy();
});

afterAll(async () => {
  await web?.close();
  await h?.close();
});

const definition = () => ({
  steps: [
    { id: 'first', type: 'http_request', config: { url: `${web.url}/first`, method: 'POST' } },
    { id: 'second', type: 'http_request', config: { url: `${web.url}/hold/second`, method: 'POST' } },
    { id: 'third', type: 'http_request', config: { url: `${web.url}/third`, method: 'POST' } },
  ],
  edges: [
    { from: 'first', to: 'second' },
    { from: 'second', to: 'third' },
  ],
});

const keysSeen = (path: string) => web.seen.filter((s) => s.path === path).map((s) => s.idempotencyKey);

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
  holding = true;
  web.seen.splice(0);
  const workflowId = await h.seedWorkflow(definition());
  const child = await startWorker(worker);
  const id = await h.execute(workflowId);
  await until(async () => keysSeen('/hold/second').length === 1, 15_000, 'the second step to be in flight');
  return { child, id };
}

describe('a worker told to stop (SIGTERM) with a job in flight', () => {
  it('finishes the job when it can within the grace period, then exits 0', async () => {
    const { child, id } = await startHeldExecution({ SHUTDOWN_GRACE_MS: '15000' });
    const stopped = terminate(child);
    await new Promise((resolve) => setTimeout(resolve, 500));
    holding = false;
    for (const res of held.splice(0)) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');

    const { code } = await stopped;
    expect(code).toBe(0);
    const [execution] = await h.owner('select status from workflow.executions where id = $1', [id]);
    expect(execution!.status).toBe('succeeded');
    expect(keysSeen('/third')).toEqual([`${id}:third`]);
  }, 150_000);
});
