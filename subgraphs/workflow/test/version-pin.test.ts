import { startExecutionHarness, type ExecutionHarness } from './support/execution-harness';

/**
 * An execution is pinned to the version live when it was queued: publishing another version
 * while it waits for a worker changes neither its recorded version nor the steps it runs.
 */
let h: ExecutionHarness;

beforeAll(async () => {
  h = await startExecutionHarness('exec_pin');
});

afterAll(async () => {
  await h?.close();
});

const marking = (version: number) => ({
  steps: [{ id: 'mark', type: 'transform', config: { expression: `{ "ranVersion": ${version} }` } }],
  edges: [],
});

it('runs version 1 for an execution queued under it, although version 2 was published before a worker picked it up', async () => {
  const admin = { ...h.member, role: 'admin' as const };
  const workflowId = await h.seedWorkflow(marking(1));
  const queued = await h.execute(workflowId);

  // No worker runs yet: the execution waits in the queue while version 2 is saved and published.
  const updated = await h.call(
    'mutation($id: ID!, $d: JSONObject!) { updateWorkflow(id: $id, input: { definition: $d }) { workflow { latestVersion { version } } } }',
    { id: workflowId, d: marking(2) },
    admin,
  );
  expect(updated.data?.updateWorkflow.workflow.latestVersion.version).toBe(2);
  const published = await h.call(
    'mutation($id: ID!) { publishWorkflow(id: $id, version: 2) { workflow { liveVersion { version } } } }',
    { id: workflowId },
    admin,
  );
  expect(published.data?.publishWorkflow.workflow.liveVersion.version).toBe(2);
  expect((await h.owner('select status from workflow.executions where id = $1', [queued]))[0].status).toBe('queued');

  const worker = await h.startWorker();
  try {
    const pinned = await h.waitForStatus(queued, ['succeeded', 'failed']);
    expect(pinned).toMatchObject({ status: 'succeeded', version: 1, output: { mark: { ranVersion: 1 } } });
    // What is queued from now on runs the newly published version.
    const after = await h.waitForStatus(await h.execute(workflowId), ['succeeded', 'failed']);
    expect(after).toMatchObject({ status: 'succeeded', version: 2, output: { mark: { ranVersion: 2 } } });
  } finally {
    await worker.close();
  }
});
