import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { supergraphPath } from '@flowgraph/supergraph';
import { repositoryRoot } from '@flowgraph/gateway/testing';
import { post, startFederation, type Federation } from '../support/federation-kit';
import { signUp, type TestUser } from '../support/live-kit';

/**
 * Walks the composed supergraph: every field with an `ID` argument or input field is called with
 * malformed ids, and every text argument with a NUL character, through the real gateway as a
 * signed-up admin. The documented answer (docs/api.md, Errors) is VALIDATION_ERROR whose
 * `details[].field` names the argument, never INTERNAL.
 */
const schema = buildASTSchema(parse(readFileSync(supergraphPath(repositoryRoot()), 'utf8')), { assumeValidSDL: true });
const rootTypes = [schema.getQueryType()!, schema.getMutationType()!, schema.getSubscriptionType()!];

/** Malformed under every id format we have (UUIDs and template slugs). */
const malformed = { 'not an id': 'not a uuid', '10 KB long': 'a'.repeat(10_240), 'SQL-looking': "1' OR '1'='1'; drop table users; --" };

interface Position {
  type: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
  /** Where the value goes: `id`, or `input.workflowId` for an input field. */
  path: string;
  /** How the answer names it: the path with `[0]` after lists (`events[0].payload`). */
  detail: string;
}

/** The paths of the values of the given scalars inside an input type (input objects' fields, recursively). */
function pathsOf(
  type: GraphQLInputType,
  scalars: string[],
  path: string,
  detail: string,
  seen: string[] = [],
): { path: string; detail: string }[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return pathsOf(inner.ofType, scalars, path, `${detail}[0]`, seen);
  if (scalars.includes(inner.name)) return [{ path, detail }];
  if (!isInputObjectType(inner) || seen.includes(inner.name)) return [];
  return Object.values(inner.getFields()).flatMap((f) =>
    pathsOf(f.type, scalars, `${path}.${f.name}`, `${detail}.${f.name}`, [...seen, inner.name]),
  );
}

/** Every argument position of the given scalars in fields of `types`. */
function positions(types: readonly GraphQLObjectType[], scalars: string[]): Position[] {
  return types.flatMap((type) =>
    Object.values(type.getFields()).flatMap((field) =>
      field.args.flatMap((arg) => pathsOf(arg.type, scalars, arg.name, arg.name).map((p) => ({ type, field, ...p }))),
    ),
  );
}
const idPositions = (types: readonly GraphQLObjectType[]) => positions(types, ['ID']);

/** A valid value of `type` (required input fields only), with `bad(scalar)` at `target` (a dotted path below it). */
function valueOf(type: GraphQLInputType, target: string[] | null, bad: (scalar: string) => unknown): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueOf(inner.ofType, target, bad)];
  if (target?.length === 0) return bad(inner.name);
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      const here = target?.[0] === f.name ? target.slice(1) : null;
      if (here || (isNonNullType(f.type) && f.defaultValue === undefined)) value[f.name] = valueOf(f.type, here, bad);
    }
    return value;
  }
  // Strings are unique so that per-value limits (signUp per email) are not what answers.
  const scalars: Record<string, unknown> = {
    ID: randomUUID(),
    String: `x${randomUUID()}`,
    Int: 1,
    Float: 1,
    Boolean: true,
    DateTime: new Date().toISOString(),
    Date: '2026-01-01',
    JSONObject: {},
  };
  if (!(inner.name in scalars)) throw new Error(`the walker needs a value for scalar ${inner.name}`);
  return scalars[inner.name];
}

/** The operation calling `position.field` with every argument a variable, and the variables. */
function operationFor(
  position: Position,
  bad: string | ((scalar: string) => unknown),
): { query: string; variables: Record<string, unknown> } {
  const { type, field, path } = position;
  const [argName, ...below] = path.split('.');
  const args = field.args.filter((arg) => arg.name === argName || (isNonNullType(arg.type) && arg.defaultValue === undefined));
  const badValue = typeof bad === 'string' ? () => bad : bad;
  const variables = Object.fromEntries(args.map((arg) => [arg.name, valueOf(arg.type, arg.name === argName ? below : null, badValue)]));
  const operation = type === schema.getMutationType() ? 'mutation' : type === schema.getSubscriptionType() ? 'subscription' : 'query';
  const declared = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? '' : ' { __typename }';
  return { query: `${operation} Walk(${declared}) { ${field.name}(${passed})${selection} }`, variables };
}

type GraphQLErrorBody = { message: string; extensions?: { code?: string; details?: { field: string; message: string }[] } };

/** Sends an operation over HTTP, or a subscription over SSE (its first event), and returns the errors. */
async function errorsOf(
  operation: 'query' | 'mutation' | 'subscription',
  body: { query: string; variables: Record<string, unknown> },
  user: TestUser,
): Promise<GraphQLErrorBody[]> {
  if (operation !== 'subscription') return (await post(federation.gateway.url, body.query, body.variables, user.headers)).errors ?? [];
  const response = await fetch(`${federation.gateway.url}/stream`, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...user.headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data:') && line.length > 5)
    .map((line) => JSON.parse(line.slice(5)) as { errors?: GraphQLErrorBody[] });
  return events.flatMap((event) => event.errors ?? []);
}

let federation: Federation;
let ada: TestUser;

beforeAll(async () => {
  federation = await startFederation();
  ada = await signUp(federation.gateway.url);
});

afterAll(async () => {
  await federation.stop();
});

it('finds the ID-taking fields, all of them on Query, Mutation or Subscription', () => {
  const positions = idPositions(rootTypes);
  // A floor, so a broken walk (nothing found) cannot pass the test below.
  expect(positions.length).toBeGreaterThan(25);
  expect(positions.map((p) => `${p.type.name}.${p.field.name}.${p.path}`)).toEqual(
    expect.arrayContaining([
      'Query.executions.workflowId',
      'Mutation.addTrigger.input.workflowId',
      'Query.workflowTemplate.id',
      'Subscription.executionUpdated.executionId',
    ]),
  );
  // Fields below the root would need a path to reach them: extend the walk when one appears.
  const others = Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType => isObjectType(t) && !rootTypes.includes(t) && !t.name.startsWith('__'),
  );
  expect(idPositions(others).map((p) => `${p.type.name}.${p.field.name}`)).toEqual([]);
});

describe.each(Object.entries(malformed))('a malformed id (%s)', (_kind, bad) => {
  it.each(idPositions(rootTypes).map((p) => [`${p.type.name}.${p.field.name}(${p.path})`, p] as const))(
    '%s answers VALIDATION_ERROR naming the argument',
    async (_name, position) => {
      const operation =
        position.type === schema.getMutationType() ? 'mutation' : position.type === schema.getSubscriptionType() ? 'subscription' : 'query';
      const errors = await errorsOf(operation, operationFor(position, bad), ada);
      expect(errors.map((e) => e.extensions?.code)).not.toContain('INTERNAL');
      expect(errors).toContainEqual(
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'VALIDATION_ERROR',
            details: expect.arrayContaining([expect.objectContaining({ field: position.path })]),
          }),
        }),
      );
    },
  );
});

/** Text Postgres refuses (text and jsonb): a NUL character, in a string or anywhere in a JSON value. */
const withNul = (scalar: string) => (scalar === 'JSONObject' ? { 'key\u0000': 'value\u0000' } : `before\u0000after${randomUUID()}`);

describe('text holding a NUL character', () => {
  it.each(positions(rootTypes, ['String', 'JSONObject']).map((p) => [`${p.type.name}.${p.field.name}(${p.detail})`, p] as const))(
    '%s answers VALIDATION_ERROR naming the argument',
    async (_name, position) => {
      const operation =
        position.type === schema.getMutationType() ? 'mutation' : position.type === schema.getSubscriptionType() ? 'subscription' : 'query';
      const errors = await errorsOf(operation, operationFor(position, withNul), ada);
      expect(errors.map((e) => e.extensions?.code)).not.toContain('INTERNAL');
      expect(errors).toContainEqual(
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'VALIDATION_ERROR',
            details: expect.arrayContaining([{ field: position.detail, message: 'Must not contain NUL characters' }]),
          }),
        }),
      );
    },
  );
});

it('answers the issue’s example with VALIDATION_ERROR, and a well-formed unknown id with null', async () => {
  const malformedId = await post(federation.gateway.url, '{ executions(workflowId: "abc") { edges { node { id } } } }', {}, ada.headers);
  expect(malformedId.errors).toEqual([
    expect.objectContaining({
      extensions: expect.objectContaining({ code: 'VALIDATION_ERROR', details: [{ field: 'workflowId', message: 'Must be a UUID' }] }),
    }),
  ]);
  const unknown = await post(
    federation.gateway.url,
    `{ workflow(id: "${randomUUID()}") { id } workflowTemplate(id: "no-such-template") { id } }`,
    {},
    ada.headers,
  );
  expect(unknown).toMatchObject({ data: { workflow: null, workflowTemplate: null } });
  expect(unknown.errors).toBeUndefined();
});

it('accepts template ids, which are slugs rather than UUIDs', async () => {
  const template = await post<{ workflowTemplate: { id: string } }>(
    federation.gateway.url,
    '{ workflowTemplate(id: "github-pr-opened-to-slack") { id } }',
    {},
    ada.headers,
  );
  expect(template.data).toEqual({ workflowTemplate: { id: 'github-pr-opened-to-slack' } });
});

/**
 * Where a well-formed unknown id does not answer NOT_FOUND from a mutation (docs/api.md): the
 * caller is told what is wrong with the rest of the call instead.
 */
const notFoundExceptions: Record<string, string> = {
  // Not being a member is the answer, whether or not the organization exists.
  'Mutation.switchOrganization': 'FORBIDDEN',
  // The walk's credentials are wrong; the organization is only looked at after they are checked.
  'Mutation.logIn': 'UNAUTHENTICATED',
};

describe('a well-formed id that names nothing', () => {
  it.each(idPositions(rootTypes).map((p) => [`${p.type.name}.${p.field.name}(${p.path})`, p] as const))(
    '%s answers null from a query, NOT_FOUND otherwise',
    async (_name, position) => {
      const body = operationFor(position, randomUUID());
      const name = `${position.type.name}.${position.field.name}`;
      if (position.type === schema.getQueryType()) {
        const response = await post<Record<string, unknown>>(federation.gateway.url, body.query, body.variables, ada.headers);
        expect(response.errors).toBeUndefined();
        // A list under an unknown id is empty rather than null.
        if (!isNonNullType(position.field.type)) expect(response.data).toEqual({ [position.field.name]: null });
        return;
      }
      const operation = position.type === schema.getMutationType() ? 'mutation' : 'subscription';
      const errors = await errorsOf(operation, body, ada);
      expect(errors.map((e) => e.extensions?.code)).toEqual([notFoundExceptions[name] ?? 'NOT_FOUND']);
    },
  );
});
