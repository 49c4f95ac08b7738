import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildASTSchema, isNonNullType, isObjectType, parse, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { supergraphPath } from '@flowgraph/supergraph';
import { repositoryRoot } from '../src/root';
import { post, startFederation, type Federation } from './support/federation-kit';
import { signUp, type TestUser } from './support/live-kit';

/**
 * Walks every paginated field of the composed supergraph (an `after` argument) with cursors a
 * client forged: each answers VALIDATION_ERROR naming `after`, never INTERNAL (a Postgres cast).
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

const paginated: { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[] = Object.values(schema.getTypeMap())
  .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
  .flatMap((type) => Object.values(type.getFields()).filter((field) => field.args.some((arg) => arg.name === 'after')).map((field) => ({ type, field })));

let federation: Federation;
let ada: TestUser;
let workflowId: string;

beforeAll(async () => {
  federation = await startFederation();
  ada = await signUp(federation.gateway.url);
  const created = await post<{ createWorkflow: { workflow: { id: string } } }>(federation.gateway.url, 'mutation { createWorkflow(input: { name: "Paged" }) { workflow { id } } }', {}, ada.headers);
  workflowId = created.data!.createWorkflow.workflow.id;
});

afterAll(async () => {
  await federation.stop();
});

it('knows how to reach every paginated field', () => {
  expect(paginated.length).toBeGreaterThan(8);
  expect(paginated.map(({ type }) => type.name).filter((name) => !(name in reach))).toEqual([]);
});

describe.each(Object.entries(forged))('a forged cursor (%s)', (_kind, cursor) => {
  it.each(paginated.map((p) => [`${p.type.name}.${p.field.name}`, p] as const))('%s answers VALIDATION_ERROR naming after', async (_name, { type, field }) => {
    // Required arguments other than `after` are ids of the workflow made above (executions' workflowId).
    const required = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: "${workflowId}"`);
    const call = `${field.name}(${[...required, 'after: $after'].join(', ')}) { edges { cursor } }`;
    const response = await post(federation.gateway.url, `query Forged($after: String) { ${reach[type.name](workflowId).replace('FIELD', call)} }`, { after: cursor }, ada.headers);
    expect(response.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL');
    expect(response.errors).toContainEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', details: [{ field: 'after', message: expect.any(String) }] }) }));
  });
});
