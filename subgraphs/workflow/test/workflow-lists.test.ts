import { randomUUID } from 'node:crypto';
import { inScopedTransaction } from '@flowgraph/kernel';
import { hydratedAsPlain, statementCounter } from '@flowgraph/kernel/testing';
import { ExecutionEntity } from '../src/modules/executions/execution.entity';
import { ExecutionRepository } from '../src/modules/executions/execution.repository';
import { WorkflowVersionEntity } from '../src/modules/versions/workflow-version.entity';
import { WorkflowVersionRepository } from '../src/modules/versions/workflow-version.repository';
import { WorkflowEntity } from '../src/modules/workflows/workflow.entity';
import { DEFAULT_WORKFLOW_ORDER } from '../src/modules/workflows/workflow-order';
import { WorkflowRepository } from '../src/modules/workflows/workflow.repository';
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

it('reads workflows, versions and executions for the API as plain objects equal to the hydrated entities', async () => {
  const scope = { orgId: randomUUID(), userId: randomUUID() };
  const [plain, deleted] = [randomUUID(), randomUUID()];
  await h.owner(
    `insert into workflow.workflows (id, org_id, user_id, name, description, tags, is_active, live_version, latest_version,
       idempotency_key, idempotency_request, deleted_at, created_at)
     values ($1, $3, $4, 'plain', 'with every column set', '{a,b}', true, 2, 3, 'k1', '{"templateId": "t", "parameters": {"x": 1}}',
       null, now() - interval '1 hour'),
            ($2, $3, $4, 'deleted', '', '{}', false, null, 1, null, null, now() - interval '1 day', now())`,
    [plain, deleted, scope.orgId, scope.userId],
  );
  for (const version of [1, 2, 3]) {
    await h.owner(
      `insert into workflow.workflow_versions (id, org_id, workflow_id, version, definition, created_by) values (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [
        scope.orgId,
        plain,
        version,
        JSON.stringify({ steps: [{ id: `s${version}`, type: 'transform', config: { expression: '$' } }], edges: [] }),
        scope.userId,
      ],
    );
  }
  await h.owner(
    `insert into workflow.executions (id, org_id, workflow_id, version, status, trigger_kind, input, output, error, started_by,
       cancel_requested_at, queued_at, started_at, finished_at)
     values (gen_random_uuid(), $1, $2, 2, 'failed', 'manual', '{"n": 1}', '{"partial": [1]}', 'boom', $3,
       now() - interval '9 minutes', now() - interval '10 minutes', now() - interval '9 minutes', now() - interval '8 minutes'),
            (gen_random_uuid(), $1, $2, 2, 'queued', 'cron', '{}', null, null, null, null, now(), null, null)`,
    [scope.orgId, plain, scope.userId],
  );
  await inScopedTransaction(h.orm.em, scope, async (em) => {
    const [workflows, versions, executions] = [new WorkflowRepository(em), new WorkflowVersionRepository(em), new ExecutionRepository(em)];
    const listed = await workflows.page(scope.orgId, {}, DEFAULT_WORKFLOW_ORDER, 10);
    const reads = {
      workflows: [
        listed,
        await workflows.findByIds([plain, deleted]),
        await workflows.firstPageByOwners([scope.userId], 10),
        await workflows.pageByOwner(scope.userId, 10, { value: new Date().toISOString(), id: randomUUID() }),
      ],
      versions: [await versions.firstPageByWorkflows([plain], 2), await versions.pageByWorkflow(plain, 5, 3)],
      executions: [
        await executions.latestByWorkflows([plain]),
        await executions.page(plain, undefined, 10),
        await executions.page(plain, 'failed', 10, { at: new Date(), id: randomUUID() }),
      ],
    };
    expect(listed.map((w) => w.name)).toEqual(['plain']);
    expect(reads.workflows[1]).toHaveLength(2); // by id includes one deleted within the restore window
    expect(reads.versions.map((page) => page.map((v) => v.version))).toEqual([
      [3, 2],
      [2, 1],
    ]);
    expect(reads.executions.map((page) => page.map((e) => e.status))).toEqual([['queued'], ['queued', 'failed'], ['failed']]);
    // Nothing was hydrated: the unit of work holds no entity.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    for (const read of reads.workflows)
      expect(read).toStrictEqual(
        await hydratedAsPlain(
          em,
          WorkflowEntity,
          read.map((w) => w.id),
        ),
      );
    for (const read of reads.versions)
      expect(read).toStrictEqual(
        await hydratedAsPlain(
          em,
          WorkflowVersionEntity,
          read.map((v) => v.id),
        ),
      );
    for (const read of reads.executions)
      expect(read).toStrictEqual(
        await hydratedAsPlain(
          em,
          ExecutionEntity,
          read.map((e) => e.id),
        ),
      );
  });
});
