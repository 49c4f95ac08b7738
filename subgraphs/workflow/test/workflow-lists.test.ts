import { randomUUID } from 'node:crypto';
import { statementCounter } from '@flowgraph/kernel/testing';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

let h: TriggerHarness;
/** Workflows of the listing tests live in their own organization, so other tests' rows never mix in. */
const orgId = randomUUID();
const admin = { userId: randomUUID(), orgId, role: 'admin' as const };
const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo'];

beforeAll(async () => {
  h = await startTriggerHarness('wf_lists');
  for (const [i, name] of names.entries()) {
    const created = await h.call(
      'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
      {
        input: { name, tags: i % 2 === 0 ? ['even'] : ['odd'] },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
  }
  // updatedAt order differs from createdAt order: touch 'alpha' last.
  await h.owner(`update workflow.workflows set is_active = true, live_version = 1 where org_id = $1 and name in ('alpha', 'echo')`, [
    orgId,
  ]);
  await h.owner(`update workflow.workflows set updated_at = now() + interval '1 minute' where org_id = $1 and name = 'alpha'`, [orgId]);
});

afterAll(async () => {
  await h.close();
});

type Page = { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string } };
const list = (args: Record<string, unknown>, identity: object = admin) =>
  h.call<{ workflows: Page }>(
    `query($first: Int, $after: String, $filter: WorkflowFilter, $orderBy: WorkflowOrder) {
       workflows(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { edges { node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
    args,
    identity,
  );
const namesOf = (page: Page) => page.edges.map((e) => e.node.name);

/** Walks every page of one order, `size` at a time. */
async function walk(orderBy: Record<string, string> | undefined, size: number, filter?: Record<string, unknown>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | undefined;
  for (;;) {
    const response = await list({ first: size, after, orderBy, filter });
    expect(response.errors).toBeUndefined();
    const page = response.data!.workflows;
    seen.push(...namesOf(page));
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
}

it('lists newest first by default', async () => {
  expect(await walk(undefined, 2)).toEqual([...names].reverse());
});

it('pages through each allow-listed order with keyset cursors', async () => {
  expect(await walk({ field: 'NAME', direction: 'ASC' }, 2)).toEqual([...names].sort());
  expect(await walk({ field: 'NAME', direction: 'DESC' }, 3)).toEqual([...names].sort().reverse());
  expect(await walk({ field: 'CREATED_AT', direction: 'ASC' }, 2)).toEqual(names);
  expect(await walk({ field: 'UPDATED_AT', direction: 'DESC' }, 2)).toEqual([
    'alpha',
    ...[...names].reverse().filter((n) => n !== 'alpha'),
  ]);
});

it('refuses a cursor from another order, a tampered cursor and an unknown order', async () => {
  const byName = (await list({ first: 1, orderBy: { field: 'NAME', direction: 'ASC' } })).data!.workflows.pageInfo.endCursor;
  const reused = await list({ first: 1, after: byName, orderBy: { field: 'CREATED_AT', direction: 'DESC' } });
  expect(reused.errors![0].extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'after' }] });
  expect(codeOf(await list({ first: 1, after: byName, orderBy: { field: 'NAME', direction: 'DESC' } }))).toBe('VALIDATION_ERROR');
  expect(codeOf(await list({ first: 1, after: 'garbage' }))).toBe('VALIDATION_ERROR');
  expect(codeOf(await list({ first: 1, orderBy: { field: 'OWNER', direction: 'ASC' } }))).toBe('VALIDATION_ERROR');
  expect(codeOf(await list({ first: 101 }))).toBe('VALIDATION_ERROR');
});

it('filters by activity and by tag', async () => {
  expect(await walk({ field: 'NAME', direction: 'ASC' }, 10, { isActive: true })).toEqual(['alpha', 'echo']);
  expect(await walk({ field: 'NAME', direction: 'ASC' }, 10, { isActive: false })).toEqual(['bravo', 'charlie', 'delta']);
  expect(await walk({ field: 'NAME', direction: 'ASC' }, 10, { tag: 'odd' })).toEqual(['alpha', 'charlie']);
  expect(await walk({ field: 'NAME', direction: 'ASC' }, 10, { tag: 'even', isActive: true })).toEqual(['echo']);
});

it('shows another organization none of these', async () => {
  const outsider = { userId: randomUUID(), orgId: randomUUID(), role: 'owner' };
  expect(namesOf((await list({ first: 100 }, outsider)).data!.workflows)).toEqual([]);
  expect(codeOf(await list({ first: 1 }, { ...admin, orgId: undefined }))).toBe('FORBIDDEN');
});

/**
 * The fields whose loading must not grow with the number of workflows. Adding a field here (for
 * example `latestExecution { id status }`) is all a new batched field needs to be covered.
 */
const LISTED_WORKFLOW_FIELDS = `id name owner { id } organization { id }
  liveVersion { version isLive createdBy { id } } latestVersion { version isLive definition }
  versions(first: 2) { edges { node { version isLive } } }
  latestExecution { id status version }`;

it('lists 1 and 50 workflows with their owner, versions and latest execution in the same number of statements', async () => {
  const big = { userId: randomUUID(), orgId: randomUUID(), role: 'admin' as const };
  for (let i = 0; i < 50; i++) {
    const id = (
      await h.call(
        'mutation($input: CreateWorkflowInput!) { createWorkflow(input: $input) { workflow { id } } }',
        {
          input: { name: `bulk ${i}`, definition: { steps: [{ id: 'a', type: 'transform', config: { expression: '$' } }] } },
        },
        big,
      )
    ).data!.createWorkflow.workflow.id;
    if (i % 2 === 0) {
      await h.call('mutation($id: ID!) { updateWorkflow(id: $id, input: { definition: { steps: [] } }) { workflow { id } } }', { id }, big);
      await h.call('mutation($id: ID!) { publishWorkflow(id: $id, version: 1) { workflow { id } } }', { id }, big);
      // Two executions each, so latestExecution has to pick the newer one.
      for (const [status, minutesAgo] of [
        ['failed', 2],
        ['succeeded', 1],
      ] as const) {
        await h.owner(
          `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind, queued_at)
           values (gen_random_uuid(), $1, $2, 1, $3, 'manual', now() - make_interval(mins => $4))`,
          [big.orgId, id, status, minutesAgo],
        );
      }
    }
  }
  const query = `query($first: Int) { workflows(first: $first) { edges { node { ${LISTED_WORKFLOW_FIELDS} } } } }`;
  const counter = statementCounter(h.orm);
  const one = await h.call(query, { first: 1 }, big);
  expect(one.errors).toBeUndefined();
  const forOne = counter.count();
  counter.reset();
  const fifty = await h.call<{
    workflows: { edges: { node: { liveVersion: unknown; versions: { edges: unknown[] }; latestExecution: { status: string } | null } }[] };
  }>(query, { first: 50 }, big);
  expect(fifty.errors).toBeUndefined();
  expect(fifty.data!.workflows.edges).toHaveLength(50);
  const latest = fifty.data!.workflows.edges.map((e) => e.node.latestExecution).filter(Boolean);
  expect(latest).toHaveLength(25);
  expect(latest.every((e) => e!.status === 'SUCCEEDED')).toBe(true);
  expect(fifty.data!.workflows.edges.filter((e) => e.node.liveVersion !== null)).toHaveLength(25);
  expect(counter.count()).toBe(forOne);
});
