import { randomUUID } from 'node:crypto';
import { bearer, post, startFederation, type Federation, type HttpGraphQLResult } from '../support/federation-kit';

/**
 * Operation limits through the federation, with small limits: each refuses an operation just
 * over its limit (400 VALIDATION_ERROR naming the limit) and accepts one at the limit.
 */
let federation: Federation;
let admin: Record<string, string>;

beforeAll(async () => {
  federation = await startFederation({
    MAX_QUERY_DEPTH: '4',
    MAX_ALIASES: '3',
    MAX_DIRECTIVES: '3',
    MAX_TOKENS: '200',
    MAX_QUERY_COST: '25',
    MAX_BATCH_OPERATIONS: '2',
  });
  admin = await bearer({ userId: randomUUID(), orgId: randomUUID(), role: 'admin', sessionId: randomUUID() });
});

afterAll(async () => {
  await federation?.stop();
});

async function rejections(reason: string): Promise<number> {
  const metric = await federation.gateway.metrics.operationRejections.get();
  return metric.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

/** Sends the operation and says whether an operation limit refused it (checking the refusal's shape). */
async function refusedBy(limit: string, query: string, variables: Record<string, unknown> = {}): Promise<HttpGraphQLResult<unknown>> {
  return post(federation.gateway.url, query, variables, admin).then((response) => {
    expect(response.errors?.some((e) => e.extensions?.limit === limit)).toBe(true);
    expect(response.status).toBe(400);
    return response;
  });
}

async function accepted(query: string, variables: Record<string, unknown> = {}): Promise<void> {
  const response = await post(federation.gateway.url, query, variables, admin);
  expect(response.errors?.filter((e) => e.extensions?.limit !== undefined) ?? []).toEqual([]);
  expect(response.status).toBe(200);
}

it('refuses a query one level deeper than the depth limit, accepts one at it', async () => {
  const before = await rejections('depth');
  await accepted('{ me { memberships { user { id } } } }');
  const refused = await refusedBy('depth', '{ me { memberships { user { memberships { id } } } } }');
  expect(refused.errors).toEqual([
    {
      message: 'Query depth limit exceeded: found 5, the limit is 4',
      extensions: { code: 'VALIDATION_ERROR', limit: 'depth', max: 4, found: 5, request_id: refused.headers.get('x-request-id') },
    },
  ]);
  // Fragments count as the fields they hold.
  await refusedBy('depth', '{ me { ...M } } fragment M on User { memberships { user { memberships { id } } } }');
  expect(await rejections('depth')).toBe(before + 2);
});

it('refuses a fourth alias, accepts three (aliases of __typename are free)', async () => {
  const before = await rejections('aliases');
  await accepted('{ a: me { id } b: me { id } c: me { id } t1: __typename t2: __typename }');
  const refused = await refusedBy('aliases', '{ a: me { id } b: me { id } c: me { id } d: me { id } }');
  expect(refused.errors?.[0]).toMatchObject({
    message: 'Alias limit exceeded: found 4, the limit is 3',
    extensions: { code: 'VALIDATION_ERROR', max: 3, found: 4 },
  });
  expect(await rejections('aliases')).toBe(before + 1);
});

it('refuses a fourth directive, accepts three', async () => {
  const before = await rejections('directives');
  await accepted('{ a: __typename @skip(if: false) b: __typename @skip(if: false) c: __typename @include(if: true) }');
  const refused = await refusedBy(
    'directives',
    '{ a: __typename @skip(if: false) b: __typename @skip(if: false) c: __typename @include(if: true) d: __typename @include(if: true) }',
  );
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_ERROR', max: 3, found: 4 });
  expect(await rejections('directives')).toBe(before + 1);
});

it('refuses a document of 201 tokens, accepts one of 200', async () => {
  const before = await rejections('tokens');
  // `{`, n names, `}`: n + 2 tokens.
  const fields = (n: number) => `{ ${Array.from({ length: n }, () => '__typename').join(' ')} }`;
  await accepted(fields(198));
  const refused = await refusedBy('tokens', fields(199));
  expect(refused.errors).toEqual([
    {
      message: 'Token limit exceeded: the limit is 200',
      locations: [{ line: 1, column: expect.any(Number) }], // where parsing stopped
      extensions: { code: 'VALIDATION_ERROR', limit: 'tokens', max: 200, request_id: refused.headers.get('x-request-id') },
    },
  ]);
  expect(await rejections('tokens')).toBe(before + 1);
});

it('weighs fields by @cost and lists by their slicing argument, read with the variables', async () => {
  const before = await rejections('cost');
  const events = 'query Events($n: Int) { events(first: $n) { edges { node { id } } } }';
  // events (@cost 5) + n × (edge 1 + node 1) = 5 + 2n: n = 10 costs 25, the limit.
  await accepted(events, { n: 10 });
  const refused = await refusedBy('cost', events, { n: 11 });
  expect(refused.errors?.[0]).toMatchObject({
    message: 'Query cost limit exceeded: found 27, the limit is 25',
    extensions: { code: 'VALIDATION_ERROR', limit: 'cost', max: 25, found: 27 },
  });
  // The same shape without a weight (auditLog costs 1): 1 + 2 × 11 = 23 passes.
  await accepted('query Audit($n: Int) { auditLog(first: $n) { edges { node { id } } } }', { n: 11 });
  // A list without a slicing argument counts as 10 items: memberships × (1 + user 1) = 20, + me 1.
  await accepted('{ me { memberships { user { id } } } }');
  await refusedBy('cost', '{ me { memberships { user { id } organization { id } } } }'); // 1 + 10 × 3 = 31
  expect(await rejections('cost')).toBe(before + 2);
});

it('refuses a batch of three operations with a clear error, runs a batch of two', async () => {
  const before = await rejections('batch');
  const batch = (n: number) =>
    fetch(federation.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
    });
  const ok = await batch(2);
  expect(ok.status).toBe(200);
  expect(await ok.json()).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
  const refused = await batch(3);
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({
    errors: [
      {
        message: 'Batch size limit exceeded: found 3, the limit is 2',
        extensions: { code: 'VALIDATION_ERROR', limit: 'batch', max: 2, found: 3, request_id: refused.headers.get('x-request-id') },
      },
    ],
  });
  expect(await rejections('batch')).toBe(before + 1);
});
