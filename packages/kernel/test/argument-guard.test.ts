import { randomUUID } from 'node:crypto';
import { buildSchema, graphql } from 'graphql';
import { guardArguments } from '../src/http/argument-guard';

/** A schema with a recursive input type holding its ID below the recursion, and a slug id. */
const sdl = `
  scalar JSON
  input Node { child: Node, targetId: ID }
  input Item { name: String, data: JSON, count: Int }
  type Query { walk(node: Node!): String, slug(id: ID!): String, plain(count: Int!): String, batch(items: [Item!]!): String }
`;
const rootValue = { walk: () => 'walked', slug: () => 'found', plain: () => 'plain', batch: () => 'stored' };
const slug = { test: (value: string) => /^[a-z-]+$/.test(value), message: 'Must be a slug' };

function guarded() {
  const schema = buildSchema(sdl);
  guardArguments(schema, { idFormats: { 'Query.slug.id': slug } });
  return schema;
}

it('finds an ID below a recursive input type and names it by its path', async () => {
  const result = await graphql({ schema: guarded(), rootValue, source: '{ walk(node: { child: { child: { targetId: "nope" } } }) }' });
  expect(result.errors?.[0].extensions).toEqual({
    code: 'VALIDATION_ERROR',
    details: [{ field: 'node.child.child.targetId', message: 'Must be a UUID' }],
  });
  const fine = await graphql({ schema: guarded(), rootValue, source: `{ walk(node: { child: { targetId: "${randomUUID()}" } }) }` });
  expect(fine).toEqual({ data: { walk: 'walked' } });
});

it('names each item of a list holding a NUL character, in text or anywhere in a JSON value', async () => {
  const items = [
    { name: 'fine', data: { a: [1, 'two'] } },
    { name: 'bad\u0000' },
    { data: { nested: [{ 'key\u0000': 1 }] } },
    { count: 3 },
  ];
  const result = await graphql({
    schema: guarded(),
    rootValue,
    source: 'query($items: [Item!]!) { batch(items: $items) }',
    variableValues: { items },
  });
  expect(result.errors?.[0].extensions).toEqual({
    code: 'VALIDATION_ERROR',
    details: [
      { field: 'items[1].name', message: 'Must not contain NUL characters' },
      { field: 'items[2].data', message: 'Must not contain NUL characters' },
    ],
  });
  const fine = await graphql({
    schema: guarded(),
    rootValue,
    source: 'query($items: [Item!]!) { batch(items: $items) }',
    variableValues: { items: [items[0]] },
  });
  expect(fine).toEqual({ data: { batch: 'stored' } });
});

it('follows the format a subgraph names for an argument', async () => {
  expect(await graphql({ schema: guarded(), rootValue, source: '{ slug(id: "a-slug") }' })).toEqual({ data: { slug: 'found' } });
  const refused = await graphql({ schema: guarded(), rootValue, source: '{ slug(id: "Not A Slug") }' });
  expect(refused.errors?.[0].extensions).toEqual({ code: 'VALIDATION_ERROR', details: [{ field: 'id', message: 'Must be a slug' }] });
});

it('refuses at start-up a format for something that is not an ID argument or input field', () => {
  for (const key of ['Query.slug.nope', 'Query.plain.count', 'Node.child', 'Nope.targetId']) {
    expect(() => guardArguments(buildSchema(sdl), { idFormats: { [key]: slug } })).toThrow(`${key} is not an ID argument or input field`);
  }
});
