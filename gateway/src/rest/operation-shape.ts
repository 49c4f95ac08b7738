import {
  Kind,
  getNamedType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What one of a REST route's operations answers, type by type: the tree of the fields it selects
 * with their GraphQL types. The shim renames keys with it (camelCase → snake_case, leaving JSON
 * scalars, which the caller owns, as they are) and the OpenAPI document derives its schemas from it.
 */
export type Shape =
  | { kind: 'object'; nullable: boolean; fields: { key: string; restKey: string; shape: Shape; description?: string }[] }
  | { kind: 'list'; nullable: boolean; of: Shape }
  | { kind: 'scalar'; nullable: boolean; scalar: string }
  | { kind: 'enum'; nullable: boolean; values: string[] };

export const restKeyOf = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The shape of `data` for the one operation in `body` (fragments inlined), over `schema` (the public API schema). */
export function operationShape(schema: GraphQLSchema, body: string): Shape {
  const document = parse(body);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = operation.operation === 'mutation' ? schema.getMutationType()! : schema.getQueryType()!;

  const shapeOf = (type: GraphQLOutputType, selections: SelectionSetNode | undefined, nullable = true): Shape => {
    if (isNonNullType(type)) return shapeOf(type.ofType, selections, false);
    if (isListType(type)) return { kind: 'list', nullable, of: shapeOf(type.ofType, selections) };
    if (isEnumType(type)) return { kind: 'enum', nullable, values: type.getValues().map((v) => v.name) };
    if (isScalarType(type)) return { kind: 'scalar', nullable, scalar: type.name };
    const named = getNamedType(type);
    if (!isObjectType(named)) throw new Error(`REST operations select object types only, not ${named.name}`);
    return { kind: 'object', nullable, fields: fieldsOf(named, selections!) };
  };

  const fieldsOf = (parent: GraphQLObjectType, selections: SelectionSetNode): Extract<Shape, { kind: 'object' }>['fields'] =>
    selections.selections.flatMap((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) return fieldsOf(parent, fragments.get(selection.name.value)!.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(parent, selection.selectionSet);
      const field = parent.getFields()[selection.name.value];
      const key = selection.alias?.value ?? selection.name.value;
      return [
        { key, restKey: restKeyOf(key), shape: shapeOf(field.type, selection.selectionSet), description: field.description ?? undefined },
      ];
    });

  return { kind: 'object', nullable: false, fields: fieldsOf(root, operation.selectionSet) };
}

/** The shape at a dotted path of field names (`createWorkflow.workflow`). */
export function shapeAt(shape: Shape, path: string): Shape {
  return path.split('.').reduce((at, key) => {
    if (at.kind !== 'object') throw new Error(`no field ${key} in a ${at.kind}`);
    const field = at.fields.find((f) => f.key === key);
    if (!field) throw new Error(`no field ${key}`);
    return field.shape;
  }, shape);
}

/**
 * What a REST route answers of its operation's data: the shape at `result.path`, or for a page
 * (`result.page`, a connection) the list of its nodes. The shim shapes its answers with it and
 * the OpenAPI document describes them with it.
 */
export function answerShape(schema: GraphQLSchema, body: string, result: { path: string; page?: true }): Shape {
  const at = shapeAt(operationShape(schema, body), result.path);
  return result.page ? nodesOf(at) : at;
}

/** A connection's shape → the shape of the list of its nodes (what a REST page holds). */
export function nodesOf(connection: Shape): Shape {
  const edges = shapeAt(connection, 'edges');
  if (edges.kind !== 'list') throw new Error('a page route must select a connection');
  return { kind: 'list', nullable: false, of: shapeAt(edges.of, 'node') };
}

/**
 * `value` (what the operation answered at `shape`) with REST's snake_case keys. Scalars are
 * leaves, so JSON scalars (the caller's own payloads) keep their keys as they are.
 */
export function toRest(value: unknown, shape: Shape): unknown {
  if (value === null || value === undefined) return null;
  switch (shape.kind) {
    case 'list':
      return (value as unknown[]).map((item) => toRest(item, shape.of));
    case 'object': {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of shape.fields) if (field.key in source) out[field.restKey] = toRest(source[field.key], field.shape);
      return out;
    }
    default:
      return value;
  }
}
