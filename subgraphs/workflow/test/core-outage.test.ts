import type { ChildProcess } from 'node:child_process';
import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';
import { startCoreProcess } from './support/core-process';
import { killProcess } from './support/workflow-worker-process';
import { startTestHttpServer } from './support/test-http-server';
import { until } from '@flowgraph/kernel/testing';

const OUTAGE_MS = 30_000;
jest.setTimeout(150_000);

let h: ExecutionHarness;
let core: ChildProcess | undefined;
let corePort: number;
let coreEnv: Record<string, string>;

beforeAll(async () => {
  // A port for Core that is free now and that it gets back after its restart.
  const probe = await startTestHttpServer(() => undefined);
  corePort = Number(new URL(probe.url).port);
  await probe.close();
  h = await startExecutionHarness('core_outage', {
    CORE_ORIGIN: `http://127.0.0.1:${corePort}`,
    // Longer than the outage, short enough that a bug would show; backoff capped so the waits end soon after Core is back.
    WORKFLOW_DEPENDENCY_WAIT_MS: '90000',
    WORKFLOW_DEPENDENCY_BACKOFF_MAX_MS: '2000',
  });
  coreEnv = { DATABASE_APP_URL: h.db.appUrl, REDIS_PREFIX: h.env.REDIS_PREFIX! };
  // The organization and the workflow owner Core records the notifications for.
  await h.owner(`insert into core.organizations (id, name) values ($1, 'outage test')`, [h.orgId]);
  await h.owner(`insert into core.users (id, email, name, password_hash) values ($1, $2, 'Owner', 'x')`, [
    h.member.userId,
    `${h.member.userId}@example.com`,
  ]);
  core = await startCoreProcess(corePort, coreEnv);
  await h.startWorker();
});

afterAll(async () => {
  if (core) await killProcess(core, 'SIGTERM');
  await h?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('survives Core down for 30 s under a steady load: every execution succeeds, notifying once, its attempts unspent', async () => {
  // The notify step's own retry budget (3 attempts, 1 s backoff) is far shorter than the outage.
  const workflowId = await h.seedWorkflow(
    { steps: [{ id: 'tell', type: 'notify', config: { message: 'run {{ input.n }}' } }], edges: [] },
    { concurrencyLimit: 100 },
  );
  const ids: string[] = [];
  const submit = async () => ids.push(await h.execute(workflowId, { n: ids.length }));

  for (let i = 0; i < 5; i++) await submit();
  for (const id of ids) expect((await h.waitForStatus(id, ['succeeded', 'failed'])).status).toBe('succeeded');

  await killProcess(core!, 'SIGKILL');
  core = undefined;
  const downAt = Date.now();
  const beforeOutage = ids.length;
  // One new execution a second while Core is down, and a look at how one of them is shown.
  let shown: Record<string, unknown> | undefined;
  while (Date.now() - downAt < OUTAGE_MS) {
    await submit();
    if (!shown && Date.now() - downAt > 5000) {
      const response = await h.call(`query($id: ID!) { execution(id: $id) { status waitingOn steps { status waitingOn } } }`, {
        id: ids[6],
      });
      shown = response.data?.execution;
    }
    await sleep(1000);
  }
  expect(shown).toEqual({
    status: 'RUNNING',
    waitingOn: 'core',
    steps: [{ status: expect.stringMatching(/^(PENDING|RUNNING)$/), waitingOn: 'core' }],
  });
  expect(await h.owner(`select status from workflow.executions where id = any($1) and status = 'failed'`, [ids])).toEqual([]);

  // Load kept arriving through the outage (about one a second; fewer on a busy machine, never a handful).
  const duringOutage = ids.length - beforeOutage;
  expect(duringOutage).toBeGreaterThanOrEqual(OUTAGE_MS / 2000);
  core = await startCoreProcess(corePort, coreEnv);
  for (let i = 0; i < 5; i++) await submit();

  await until(
    async () => {
      const [row] = await h.owner<{ open: string }>(
        `select count(*) as open from workflow.executions where id = any($1) and status not in ('succeeded', 'failed')`,
        [ids],
      );
      return Number(row!.open) === 0 || null;
    },
    30_000,
    'every execution to finish',
  );
  const statuses = await h.owner<{ status: string; n: string }>(
    `select status, count(*) as n from workflow.executions where id = any($1) group by status`,
    [ids],
  );
  expect(statuses).toEqual([{ status: 'succeeded', n: String(ids.length) }]);
  // One notification per execution in Core, and no attempt spent on the outage.
  const [events] = await h.owner<{ total: string; distinct: string }>(
    `select count(*) as total, count(distinct payload->>'executionId') as distinct from core.events where org_id = $1`,
    [h.orgId],
  );
  expect(events).toEqual({ total: String(ids.length), distinct: String(ids.length) });
  const attempts = await h.owner<{ attempts: number }>(`select distinct attempts from workflow.step_runs where execution_id = any($1)`, [
    ids,
  ]);
  expect(attempts).toEqual([{ attempts: 1 }]);
});
