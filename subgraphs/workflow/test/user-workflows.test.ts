import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, createOrm, loadConfig, type RunningServer } from '@flowgraph/kernel';
import { createTestDatabase, postGraphQL, statementCounter, type TestDatabase } from '@flowgraph/kernel/testing';
import { entities } from '../src/entities';
import { startWorkflowServer } from '../src/server';

const secret = loadConfig().IDENTITY_SECRET;
let db: TestDatabase;
let orm: MikroORM;
let server: RunningServer;

const orgA = randomUUID();
const orgB = randomUUID();
const admin = { userId: randomUUID(), orgId: orgA, role: 'admin' as const };

beforeAll(async () => {
  db = await createTestDatabase('wf');
  orm = await createOrm({ url: db.appUrl, entities });
  server = await startWorkflowServer({ orm, logger: createLogger('workflow', process.env.TEST_LOG ?? 'silent'), identitySecret: secret });
});

afterAll(async () => {
  await server.stop();
  await orm.close(true);
  await db.drop();
});

const createWorkflow = (name: string, identity: object = admin) =>
  postGraphQL(server.url, 'mutation($name: String!) { createWorkflow(input: { name: $name }) { workflow { id name isActive } } }', { name }, { identity, secret });

const userWorkflows = (userIds: string[], identity: object, first = 10) =>
  postGraphQL<{ _entities: { id: string; workflows: { edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }[] }>(
    server.url,
    `query($reps: [_Any!]!, $first: Int) { _entities(representations: $reps) { ... on User { id workflows(first: $first) { edges { node { name } } pageInfo { hasNextPage endCursor } } } } }`,
    { reps: userIds.map((id) => ({ __typename: 'User', id })), first },
    { identity, secret },
  );

it('rejects a request without the gateway signature', async () => {
  const response = await postGraphQL(server.url, '{ __typename }', {}, { secret: null });
  expect(response.status).toBe(401);
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('rejects a request signed with another secret', async () => {
  const response = await postGraphQL(server.url, '{ __typename }', {}, { secret: 'x'.repeat(40), identity: admin });
  expect(response.status).toBe(401);
});

it('lets an admin create workflows and lists them newest first on User.workflows', async () => {
  await createWorkflow('first');
  await createWorkflow('second');
  const response = await userWorkflows([admin.userId], { ...admin, role: 'viewer' });
  expect(response.errors).toBeUndefined();
  expect(response.data?._entities[0].workflows.edges.map((e) => e.node.name)).toEqual(['second', 'first']);
});

it('refuses creation to a member and validates the name', async () => {
  const denied = await createWorkflow('nope', { ...admin, role: 'member' });
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const invalid = await createWorkflow('   ');
  expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ field: 'name' }] });
});

it('never shows another organization’s workflows', async () => {
  const response = await userWorkflows([admin.userId], { userId: randomUUID(), orgId: orgB, role: 'owner' });
  expect(response.data?._entities[0].workflows.edges).toEqual([]);
});

it('pages with an opaque cursor', async () => {
  const first = await userWorkflows([admin.userId], admin, 1);
  const page = first.data!._entities[0].workflows;
  expect(page.pageInfo.hasNextPage).toBe(true);
  const next = await postGraphQL<{ _entities: { workflows: { edges: { node: { name: string } }[] } }[] }>(
    server.url,
    `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on User { workflows(first: 1, after: $after) { edges { node { name } } } } } }`,
    { reps: [{ __typename: 'User', id: admin.userId }], after: page.pageInfo.endCursor },
    { identity: admin, secret },
  );
  expect(next.data?._entities[0].workflows.edges.map((e) => e.node.name)).toEqual(['first']);
});

it('loads workflows of 1 and of 50 users with the same number of statements', async () => {
  const counter = statementCounter(orm);
  await userWorkflows([admin.userId], admin);
  const forOne = counter.count();
  counter.reset();
  await userWorkflows([admin.userId, ...Array.from({ length: 49 }, () => randomUUID())], admin);
  expect(counter.count()).toBe(forOne);
});
