import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildASTSchema, isNonNullType, isObjectType, parse, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { supergraphPath } from '@flowgraph/supergraph';
import { repositoryRoot } from '@flowgraph/gateway/testing';
import { post, startFederation, type Federation } from '../support/federation-kit';
import { Rows, signUp, type TestUser } from '../support/live-kit';

/**
 * Walks every paginated field of the composed supergraph (an `after` argument) with cursors a
 * client forged, and with real cursors of every other list: each answers VALIDATION_ERROR naming
 * `after`, never INTERNAL (a Postgres cast) nor a page read in the wrong order.
 */
const schema = buildASTSchema(parse(readFileSync(supergraphPath(repositoryRoot()), 'utf8')), { assumeValidSDL: true });
const encode = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const forged = {
  'not base64 JSON': 'garbage',
  'two strings': encode(['x', 'y']),
  'a bad time and a UUID': encode(['not-a-date', randomUUID()]),
  'a time and a bad id': encode(['2026-01-01T00:00:00.000Z', "1' or '1'='1"]),
  'a number and a bad id': encode([1, 'x']),
  'three strings': encode(['x', 'y', 'z']),
  'one fraction': encode([1.5]),
};

/** How to reach an object of each type that has paginated fields (`FIELD` stands for the field). */
const reach: Record<string, (workflowId: string) => string> = {
  Query: () => 'FIELD',
  User: () => 'me { FIELD }',
  Organization: () => 'currentOrganization { FIELD }',
  Workflow: (workflowId) => `workflow(id: "${workflowId}") { FIELD }`,
};

type Paginated = { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> };
const paginated: Paginated[] = Object.values(schema.getTypeMap())
  .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
  .flatMap((type) =>
    Object.values(type.getFields())
      .filter((field) => field.args.some((arg) => arg.name === 'after'))
      .map((field) => ({ type, field })),
  );

let federation: Federation;
let ada: TestUser;
let workflowId: string;

beforeAll(async () => {
  federation = await startFederation();
  ada = await signUp(federation.gateway.url);
  const created = await post<{ createWorkflow: { workflow: { id: string } } }>(
    federation.gateway.url,
    'mutation { createWorkflow(input: { name: "Paged" }) { workflow { id } } }',
    {},
    ada.headers,
  );
  workflowId = created.data!.createWorkflow.workflow.id;
});

afterAll(async () => {
  await federation.stop();
});

it('knows how to reach every paginated field', () => {
  expect(paginated.length).toBeGreaterThan(8);
  expect(paginated.map(({ type }) => type.name).filter((name) => !(name in reach))).toEqual([]);
});

const named = (p: Paginated) => `${p.type.name}.${p.field.name}`;

/** Calls a paginated field as Ada, `after` the given cursor (none for the first page). */
async function page({ type, field }: Paginated, after?: string) {
  // Required arguments other than `after` are ids of the workflow made above (executions' workflowId).
  const required = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: "${workflowId}"`);
  const call = `${field.name}(${[...required, 'first: 1', 'after: $after'].join(', ')}) { edges { cursor } }`;
  const response = await post(
    federation.gateway.url,
    `query Paged($after: String) { ${reach[type.name](workflowId).replace('FIELD', call)} }`,
    { after },
    ada.headers,
  );
  const parent = (type.name === 'Query' ? response.data : Object.values(response.data ?? {})[0]) as
    Record<string, { edges: { cursor: string }[] }> | null | undefined;
  const connection = parent?.[field.name];
  return { response, cursor: connection?.edges[0]?.cursor };
}

function expectRefused(response: Awaited<ReturnType<typeof page>>['response']) {
  expect(response.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL');
  expect(response.errors).toContainEqual(
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', details: [{ field: 'after', message: expect.any(String) }] }),
    }),
  );
}

describe.each(Object.entries(forged))('a forged cursor (%s)', (_kind, cursor) => {
  it.each(paginated.map((p) => [named(p), p] as const))('%s answers VALIDATION_ERROR naming after', async (_name, p) => {
    expectRefused((await page(p, cursor)).response);
  });
});

describe('a real cursor of another list', () => {
  /** The end cursor of each list's first page, where the list has a row. */
  const cursors = new Map<string, { cursor: string; connection: string }>();

  beforeAll(async () => {
    const rows = await Rows.open(federation);
    await rows.suggestion(ada);
    await rows.execution(ada.orgId, workflowId);
    await rows.close();
    const invited = await post(
      federation.gateway.url,
      'mutation { inviteMember(input: { email: "grace@example.com", role: MEMBER }) { token } }',
      {},
      ada.headers,
    );
    const ingested = await post(
      federation.gateway.url,
      'mutation($events: [EventInput!]!) { ingestEvents(events: $events) { createdCount } }',
      {
        events: [
          { idempotencyKey: randomUUID(), eventType: 'pr.opened', tool: 'github', occurredAt: new Date().toISOString(), payload: {} },
        ],
      },
      ada.headers,
    );
    const connected = await post(
      federation.gateway.url,
      'mutation { connectIntegration(input: { provider: HTTP, displayName: "Paged" }) { integration { id } } }',
      {},
      ada.headers,
    );
    expect([invited.errors, ingested.errors, connected.errors]).toEqual([undefined, undefined, undefined]);
    for (const p of paginated) {
      const { cursor } = await page(p);
      if (cursor) cursors.set(named(p), { cursor, connection: String(p.field.type) });
    }
  });

  it('is found for every kind of list', () => {
    expect(new Set([...cursors.values()].map((c) => c.connection)).size).toBe(new Set(paginated.map((p) => String(p.field.type))).size);
  });

  // Lists of the same connection type and order (Query.workflows, User.workflows) may share cursors.
  it.each(paginated.map((p) => [named(p), p] as const))('is refused by %s as VALIDATION_ERROR naming after', async (_name, p) => {
    const others = [...cursors.entries()].filter(([, c]) => c.connection !== String(p.field.type));
    expect(others.length).toBeGreaterThan(0);
    for (const [from, { cursor }] of others) {
      const { response } = await page(p, cursor);
      try {
        expectRefused(response);
      } catch (error) {
        throw new Error(`${named(p)} accepted a cursor of ${from}: ${response.text}`, { cause: error });
      }
    }
  });
});
