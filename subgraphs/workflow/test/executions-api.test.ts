import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signIdentity } from '@flowgraph/kernel';
import { testIdentity, type GraphQLResponse } from '@flowgraph/kernel/testing';
import { startExecutionHarness, EXECUTE, type ExecutionHarness } from './support/execution-harness';

let h: ExecutionHarness;

beforeAll(async () => {
  h = await startExecutionHarness('exec_api');
  await h.startWorker();
});

afterAll(async () => {
  await h?.close();
});

const EXECUTION = `query($id: ID!) { execution(id: $id) {
  id status triggerKind version error durationMs rerunOf { id } workflow { id }
  steps { stepId type status attempts input output error durationMs }
} }`;

describe('executions through the API', () => {
  it('lets members run but not viewers', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    const viewer = { ...h.member, role: 'viewer' as const };
    const refused = await h.call(EXECUTE, { input: { workflowId } }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const id = await h.execute(workflowId);
    await h.waitForStatus(id, ['succeeded']);
    const seen = await h.call(EXECUTION, { id }, viewer);
    expect(seen.data?.execution).toMatchObject({
      id,
      status: 'SUCCEEDED',
      triggerKind: 'MANUAL',
      version: 1,
      workflow: { id: workflowId },
    });
    expect(seen.data?.execution.steps).toEqual([
      expect.objectContaining({ stepId: 't', type: 'transform', status: 'SUCCEEDED', attempts: 1, output: { value: 1 } }),
    ]);
  });

  it('takes more concurrent executeWorkflow calls than the pool has connections (one connection per request)', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    // The harness's pool has 10 connections; a request that needed a second one would starve here.
    const ids = await Promise.all(Array.from({ length: 30 }, () => h.execute(workflowId)));
    expect(new Set(ids).size).toBe(30);
    for (const id of ids) await h.waitForStatus(id, ['succeeded']);
  }, 20_000);

  it('hides executions of other organizations', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    const id = await h.execute(workflowId);
    const stranger = { ...h.member, orgId: randomUUID() };
    expect((await h.call(EXECUTION, { id }, stranger)).data?.execution).toBeNull();
    const cancel = await h.call(`mutation($id: ID!) { cancelExecution(id: $id) { execution { id } } }`, { id }, stranger);
    expect(cancel.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('resolves an Execution reference only for callers who may read workflows', async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    const id = await h.execute(workflowId);
    const reference = (identity: typeof h.member) =>
      h.call(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Execution { id } } }`,
        { reps: [{ __typename: 'Execution', id }] },
        identity,
      );
    expect((await reference(h.member)).data!._entities).toEqual([{ id }]);
    const keyWithoutScope = { ...h.member, authMethod: 'api_key' as const, apiKeyId: randomUUID(), scopes: ['events:write'] };
    expect((await reference(keyWithoutScope)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reference({ ...h.member, orgId: randomUUID() })).data!._entities).toEqual([null]);
  });

  it("pages a workflow's executions newest first, filtered by status", async () => {
    const workflowId = await h.seedWorkflow({ steps: [{ id: 't', type: 'transform', config: { expression: '1' } }], edges: [] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await h.execute(workflowId));
    for (const id of ids) await h.waitForStatus(id, ['succeeded']);
    const page = `query($w: ID!, $after: String) { executions(workflowId: $w, status: SUCCEEDED, first: 2, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: GraphQLResponse<{
        executions: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      }> = await h.call(page, { w: workflowId, after });
      seen.push(...r.data!.executions.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!r.data!.executions.pageInfo.hasNextPage) break;
      after = r.data!.executions.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    const failedOnly = await h.call(`query($w: ID!) { executions(workflowId: $w, status: FAILED) { edges { node { id } } } }`, {
      w: workflowId,
    });
    expect(failedOnly.data!.executions.edges).toEqual([]);
  });

  it('cancels a running execution before its next step, and a queued one at once', async () => {
    const workflowId = await h.seedWorkflow(
      {
        steps: [
          { id: 'wait', type: 'delay', config: { ms: 60_000 } },
          { id: 'never', type: 'transform', config: { expression: '1' } },
        ],
        edges: [{ from: 'wait', to: 'never' }],
      },
      { concurrencyLimit: 1 },
    );
    const running = await h.execute(workflowId);
    await h.waitForStatus(running, ['running']);
    const queued = await h.execute(workflowId); // held back by the concurrency limit of 1
    const cancelQueued = await h.call(`mutation($id: ID!) { cancelExecution(id: $id) { execution { status } } }`, { id: queued });
    expect(cancelQueued.data?.cancelExecution.execution.status).toBe('CANCELLED');

    const cancel = await h.call(`mutation($id: ID!) { cancelExecution(id: $id) { execution { status } } }`, { id: running });
    expect(cancel.data?.cancelExecution.execution.status).toBe('RUNNING');
    const done = await h.waitForStatus(running, ['cancelled', 'succeeded', 'failed'], 10_000);
    expect(done.status).toBe('cancelled');
    const steps = await h.steps(running);
    expect(steps.map((s) => s.step_id)).not.toContain('never');
  });

  it('re-runs a failed execution from its failed step, reusing what succeeded', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        { id: 'ok', type: 'transform', config: { expression: '{ "at": $millis() }' } },
        { id: 'boom', type: 'transform', config: { expression: 'input.go ? { "fine": true } : $error("not yet")' } },
      ],
      edges: [{ from: 'ok', to: 'boom' }],
    });
    const first = await h.execute(workflowId, { go: false });
    const failed = await h.waitForStatus(first, ['failed', 'succeeded']);
    expect(failed.error).toMatch(/not yet/);
    // The fix: the same input would fail again, so the failed run's input is corrected by the owner.
    await h.owner(`update workflow.executions set input = '{"go": true}' where id = $1`, [first]);
    const rerun = await h.call(`mutation($id: ID!) { rerunExecution(id: $id) { execution { id rerunOf { id } } } }`, { id: first });
    const second = rerun.data!.rerunExecution.execution.id;
    expect(rerun.data!.rerunExecution.execution.rerunOf.id).toBe(first);
    expect((await h.waitForStatus(second, ['failed', 'succeeded'])).status).toBe('succeeded');
    const before = Object.fromEntries((await h.steps(first)).map((s) => [s.step_id, s]));
    const after = Object.fromEntries((await h.steps(second)).map((s) => [s.step_id, s]));
    expect(after.ok.output).toEqual(before.ok.output); // reused, not run again
    expect(after.boom.output).toEqual({ fine: true });
    const again = await h.call(`mutation($id: ID!) { rerunExecution(id: $id) { execution { id } } }`, { id: first });
    expect(again.data!.rerunExecution.execution.id).toBe(second);
    const notFailed = await h.call(`mutation($id: ID!) { rerunExecution(id: $id) { execution { id } } }`, { id: second });
    expect(notFailed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('streams executionUpdated over graphql-ws to a signed subscriber, ending after the one SUCCEEDED event, and refuses an unsigned one', async () => {
    const workflowId = await h.seedWorkflow({
      steps: [
        { id: 'wait', type: 'delay', config: { ms: 300 } },
        { id: 't', type: 'transform', config: { expression: '1' } },
      ],
      edges: [{ from: 'wait', to: 't' }],
    });
    const url = h.server.url.replace('http', 'ws');
    const unsigned = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const closeCode = await new Promise<number>((resolve) => unsigned.on('closed', (event) => resolve((event as { code: number }).code)));
    expect(closeCode).toBe(4403);
    await unsigned.dispose();

    const id = await h.execute(workflowId);
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: () => signIdentity(testIdentity(h.member), h.config.IDENTITY_SECRET, { method: 'GET', target: url }),
    });
    const statuses: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not completed within 10 s; received ${statuses.join(', ')}`)), 10_000);
        client.subscribe<{ executionUpdated: { status: string; steps: { stepId: string }[] } }>(
          { query: `subscription($id: ID!) { executionUpdated(executionId: $id) { id status steps { stepId } } }`, variables: { id } },
          {
            next: (message) => {
              if (message.errors) return reject(new Error(JSON.stringify(message.errors)));
              statuses.push(message.data!.executionUpdated.status);
            },
            error: reject,
            // The worker announces its last step and then the outcome: the subgraph sends the finished execution once and completes.
            complete: () => {
              clearTimeout(timer);
              resolve();
            },
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    expect(statuses.filter((status) => status === 'SUCCEEDED')).toHaveLength(1);
  });
});
