import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { Ownership } from './ownership';
import type { RegisteredOperation } from './registry';
import type { DeprecationUse } from './types';
import { operationUsage } from './usage';

/** Every `@deprecated` coordinate of a schema with its reason: fields, arguments, input fields, enum values. */
export function deprecatedCoordinates(schema: GraphQLSchema): { coordinate: string; reason: string }[] {
  const found: { coordinate: string; reason: string }[] = [];
  const add = (coordinate: string, reason: string | null | undefined) => {
    if (reason !== null && reason !== undefined) found.push({ coordinate, reason });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        add(`${type.name}.${field.name}`, field.deprecationReason);
        for (const arg of field.args) add(`${type.name}.${field.name}.${arg.name}`, arg.deprecationReason);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field.deprecationReason);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) add(`${type.name}.${value.name}`, value.deprecationReason);
    }
  }
  return found.sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}

/**
 * The deprecation workflow's view: each deprecated coordinate with the registered operations
 * that still use it. An unused one can be removed without breaking a registered client.
 * (Input fields and enum values count when written as literals; sent in variables they are not visible.)
 */
export function deprecationUses(schema: GraphQLSchema, operations: RegisteredOperation[], owners: Ownership): DeprecationUse[] {
  const deprecated = deprecatedCoordinates(schema);
  if (deprecated.length === 0) return [];
  const usages = operations.map((operation) => ({ operation, usage: operationUsage(schema, operation.document) }));
  return deprecated.map(({ coordinate, reason }) => ({
    coordinate,
    reason,
    subgraphs: owners(coordinate),
    usedBy: usages
      .filter(({ usage }) => usage.coordinates.has(coordinate))
      .map(({ operation: { client, operation, id } }) => ({ client, operation, id })),
  }));
}
