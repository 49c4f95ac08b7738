import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { supergraphPath } from '@flowgraph/supergraph';
import { Kind, getNamedType, isInputObjectType, parse, typeFromAST, type GraphQLInputType, type OperationDefinitionNode } from 'graphql';
import { z } from 'zod';
import { persistedDocuments } from '../src/rest/generated/documents';
import { restKeyOf } from '../src/rest/operation-shape';
import { restRoutes } from '../src/rest/routes';
import { repositoryRoot } from '../src/root';

const apiSchema = Supergraph.build(readFileSync(supergraphPath(repositoryRoot()), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const routes = restRoutes(apiSchema);

/** The snake_case names a route's operation takes: its variables and every field of their input types. */
function inputNames(operationName: keyof typeof persistedDocuments): Set<string> {
  const operation = parse(persistedDocuments[operationName].body).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const names = new Set<string>();
  const visit = (type: GraphQLInputType | undefined) => {
    const named = type && getNamedType(type);
    if (!isInputObjectType(named)) return;
    for (const field of Object.values(named.getFields())) {
      if (names.has(restKeyOf(field.name))) continue;
      names.add(restKeyOf(field.name));
      visit(field.type);
    }
  };
  for (const definition of operation.variableDefinitions ?? []) {
    names.add(restKeyOf(definition.variable.name.value));
    visit(typeFromAST(apiSchema, definition.type as never) as GraphQLInputType | undefined);
  }
  return names;
}

/** Every property name a JSON schema describes, at any depth (objects and array items). */
function propertyNames(schema: Record<string, unknown>): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const nested = [schema.items, ...((schema.anyOf as unknown[]) ?? [])].filter(Boolean) as Record<string, unknown>[];
  return [
    ...Object.keys(properties),
    ...Object.values(properties).flatMap((p) =>
      p.additionalProperties === undefined || p.additionalProperties === false ? propertyNames(p) : [],
    ),
    ...nested.flatMap(propertyNames),
  ];
}

it("takes only body fields its operation's GraphQL input has (snake_case), so a route cannot offer what the graph does not", () => {
  const invented = routes
    .filter((route) => route.body)
    .flatMap((route) => {
      const allowed = inputNames(route.operation);
      return propertyNames(z.toJSONSchema(route.body!, { io: 'input' }) as Record<string, unknown>)
        .filter((name) => !allowed.has(name))
        .map((name) => `${route.method} ${route.path}: ${name}`);
    });
  expect(invented).toEqual([]);
});

it('names an operation of its own for every route, and every registered operation has a route', () => {
  expect(routes.map((route) => route.operation).sort()).toEqual(Object.keys(persistedDocuments).sort());
});
