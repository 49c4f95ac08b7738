import { randomUUID } from 'node:crypto';
import { postGraphQL, statementCounter } from '@flowgraph/kernel/testing';
import { codeOf, startTriggerHarness, type TriggerHarness } from '../src/testing/trigger-harness';

let h: TriggerHarness;
const orgB = randomUUID();

beforeAll(async () => {
  h = await startTriggerHarness('wf_users');
});

afterAll(async () => {
  await h.close();
});

const createWorkflow = (name: string, identity: object = h.admin) =>
  h.call('mutation($name: String!) { createWorkflow(input: { name: $name }) { workflow { id name isActive } } }', { name }, identity);

type Page = { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };

const entityWorkflows = (typename: 'User' | 'Organization', ids: string[], identity: object = h.admin, first = 10, after?: string) =>
  h.call<{ _entities: { id: string; workflows: Page }[] }>(
    `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) {
       ... on User { id workflows(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }
       ... on Organization { id workflows(first: $first, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } }
     } }`,
    { reps: ids.map((id) => ({ __typename: typename, id })), first, after },
    identity,
  );

it('rejects a request without the gateway signature', async () => {
  const response = await postGraphQL(h.server.url, '{ __typename }', {}, { secret: null });
  expect(response.status).toBe(401);
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('rejects a request signed with another secret', async () => {
  const response = await postGraphQL(h.server.url, '{ __typename }', {}, { secret: 'x'.repeat(40), identity: h.admin });
  expect(response.status).toBe(401);
});

it('lets an admin create workflows and lists them newest first on User.workflows and Organization.workflows', async () => {
  await createWorkflow('first');
  await createWorkflow('second');
  const viewer = { ...h.admin, role: 'viewer' };
  const byUser = await entityWorkflows('User', [h.admin.userId], viewer);
  expect(byUser.errors).toBeUndefined();
  expect(byUser.data?._entities[0].workflows.edges.map((e) => e.node.name)).toEqual(['second', 'first']);
  const byOrg = await entityWorkflows('Organization', [h.orgId], viewer);
  expect(byOrg.data?._entities[0].workflows.edges.map((e) => e.node.name)).toEqual(['second', 'first']);
});

it('refuses creation to a member and validates the name', async () => {
  expect(codeOf(await createWorkflow('nope', { ...h.admin, role: 'member' }))).toBe('FORBIDDEN');
  const invalid = await createWorkflow('   ');
  expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'name' }] });
});

it('never shows another organization’s workflows on User or Organization', async () => {
  const outsider = { userId: randomUUID(), orgId: orgB, role: 'owner' };
  expect((await entityWorkflows('User', [h.admin.userId], outsider)).data?._entities[0].workflows.edges).toEqual([]);
  // Asking for organization A's workflows while acting in B shows nothing, not A's list.
  expect((await entityWorkflows('Organization', [h.orgId], outsider)).data?._entities[0].workflows.edges).toEqual([]);
});

it('pages User.workflows with an opaque cursor', async () => {
  const page = (await entityWorkflows('User', [h.admin.userId], h.admin, 1)).data!._entities[0].workflows;
  expect(page.pageInfo.hasNextPage).toBe(true);
  const next = await entityWorkflows('User', [h.admin.userId], h.admin, 1, page.pageInfo.endCursor);
  expect(next.data?._entities[0].workflows.edges.map((e) => e.node.name)).toEqual(['first']);
});

it('hides deleted workflows from User.workflows', async () => {
  const created = await createWorkflow('doomed');
  await h.call('mutation($id: ID!) { deleteWorkflow(id: $id) { restorableUntil } }', { id: created.data!.createWorkflow.workflow.id });
  const names = (await entityWorkflows('User', [h.admin.userId])).data!._entities[0].workflows.edges.map((e) => e.node.name);
  expect(names).not.toContain('doomed');
});

it('loads workflows of 1 and of 50 users with the same number of statements', async () => {
  const counter = statementCounter(h.orm);
  await entityWorkflows('User', [h.admin.userId]);
  const forOne = counter.count();
  counter.reset();
  await entityWorkflows('User', [h.admin.userId, ...Array.from({ length: 49 }, () => randomUUID())]);
  expect(counter.count()).toBe(forOne);
});
