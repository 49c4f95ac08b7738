import { buildSchema, parse } from 'graphql';
import { changeReaches } from '../src/changes';
import { operationUsage } from '../src/usage';

const schema = buildSchema(`
  enum Status { OPEN CLOSED }
  input Range { from: String, to: String }
  input Filter { status: Status, range: Range }
  type Item { id: ID!, name: String!, status: Status!, owner: Person }
  type Person { id: ID!, email: String! }
  type Query { items(first: Int, filter: Filter): [Item!]!, item(id: ID!): Item, people(role: String): [Person!]! }
`);

const usage = operationUsage(
  schema,
  parse(`
    query Items($filter: Filter) {
      items(first: 5, filter: $filter) { ...ItemParts }
      open: items(filter: { status: OPEN }) { id }
    }
    fragment ItemParts on Item { id name owner { email } }
  `),
);

it('collects the fields an operation selects, through fragments and aliases, with their types', () => {
  expect([...usage.coordinates].filter((c) => /^[A-Z]\w*\.[a-z]\w*$/.test(c)).sort()).toEqual([
    'Filter.status',
    'Item.id',
    'Item.name',
    'Item.owner',
    'Person.email',
    'Query.items',
  ]);
  expect(usage.types).toEqual(new Set(['Query', 'Item', 'Person', 'String', 'ID', 'Int', 'Filter', 'Status', 'Range']));
});

it('collects the arguments passed and the enum values written as literals', () => {
  for (const coordinate of ['Query.items.first', 'Query.items.filter', 'Status.OPEN']) expect(usage.coordinates.has(coordinate)).toBe(true);
  expect(usage.coordinates.has('Status.CLOSED')).toBe(false);
  expect(usage.coordinates.has('Query.people.role')).toBe(false);
});

it('says which changes reach the operation', () => {
  const reaches = (type: string, path: string) => changeReaches({ type, path }, usage, schema, schema);
  expect(reaches('FIELD_REMOVED', 'Item.name')).toBe(true);
  expect(reaches('FIELD_REMOVED', 'Item.status')).toBe(false); // not selected
  expect(reaches('TYPE_REMOVED', 'Person')).toBe(true);
  expect(reaches('FIELD_DEPRECATION_ADDED', 'Item.name.@deprecated')).toBe(true);
  expect(reaches('FIELD_DEPRECATION_ADDED', 'Item.status.@deprecated')).toBe(false);
  // Input and enum types are sent whole: any change inside one reaches operations that send it.
  expect(reaches('INPUT_FIELD_ADDED', 'Range.inclusive')).toBe(true);
  expect(reaches('ENUM_VALUE_REMOVED', 'Status.CLOSED')).toBe(true);
  // An argument change reaches operations passing it; a new (required) argument or default, every selection of the field.
  expect(reaches('FIELD_ARGUMENT_REMOVED', 'Query.items.first')).toBe(true);
  expect(reaches('FIELD_ARGUMENT_REMOVED', 'Query.items.after')).toBe(false);
  expect(reaches('FIELD_ARGUMENT_ADDED', 'Query.items.after')).toBe(true);
  expect(reaches('FIELD_ARGUMENT_ADDED', 'Query.people.limit')).toBe(false);
});
