import {
  DEFAULT_DEPRECATION_REASON,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLEnumValue,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import type { LintFinding } from '../types';

/** A finding before configuration and ownership are applied. */
export type RawFinding = Omit<LintFinding, 'subgraphs'>;

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const SCREAMING_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

type Deprecatable = GraphQLField<unknown, unknown> | GraphQLArgument | GraphQLInputField | GraphQLEnumValue;

/** The schema's own named types: no introspection types, no built-in scalars. */
const ownTypes = (schema: GraphQLSchema): GraphQLNamedType[] =>
  Object.values(schema.getTypeMap())
    .filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type))
    .sort((a, b) => a.name.localeCompare(b.name));

/** An entity, for the connection rule: an object or interface type with an `id: ID!` field. */
function isEntity(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  const id = type.getFields().id;
  return !!id && isNonNullType(id.type) && getNamedType(id.type).name === 'ID';
}

/** `@deprecated` written without a reason (graphql-js then fills in "No longer supported") or with a blank one. */
function lacksDeprecationReason(element: Deprecatable): boolean {
  if (element.deprecationReason === null || element.deprecationReason === undefined) return false;
  const directive = element.astNode?.directives?.find((d) => d.name.value === 'deprecated');
  if (directive) {
    const reason = directive.arguments?.find((a) => a.name.value === 'reason')?.value;
    return !reason || (reason.kind === 'StringValue' && reason.value.trim() === '');
  }
  return element.deprecationReason.trim() === '' || element.deprecationReason === DEFAULT_DEPRECATION_REASON;
}

/**
 * Every lint rule over an API schema (see docs/schema-governance.md for each rule):
 * - `naming`: types PascalCase, fields and arguments camelCase, enum values SCREAMING_CASE;
 * - `description`: every type and every field (output and input) has a description;
 * - `mutation-payload`: each mutation returns an object type named `…Payload`;
 * - `list-connection`: a field returning a list of entities (types with `id: ID!`) is a connection instead;
 * - `deprecation-reason`: each `@deprecated` says why (and what to use instead).
 */
export function lintSchema(schema: GraphQLSchema): RawFinding[] {
  const findings: RawFinding[] = [];
  const report = (rule: RawFinding['rule'], coordinate: string, message: string) => findings.push({ rule, coordinate, message });
  const deprecation = (element: Deprecatable, coordinate: string) => {
    if (lacksDeprecationReason(element))
      report('deprecation-reason', coordinate, `${coordinate} is deprecated without a reason: say why and what to use instead`);
  };
  const mutationType = schema.getMutationType();

  for (const type of ownTypes(schema)) {
    if (!PASCAL_CASE.test(type.name)) report('naming', type.name, `type ${type.name} is not PascalCase`);
    if (!type.description?.trim()) report('description', type.name, `type ${type.name} has no description`);

    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const coordinate = `${type.name}.${value.name}`;
        if (!SCREAMING_CASE.test(value.name)) report('naming', coordinate, `enum value ${coordinate} is not SCREAMING_CASE`);
        deprecation(value, coordinate);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (!CAMEL_CASE.test(field.name)) report('naming', coordinate, `input field ${coordinate} is not camelCase`);
        if (!field.description?.trim()) report('description', coordinate, `input field ${coordinate} has no description`);
        deprecation(field, coordinate);
      }
    }
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (!CAMEL_CASE.test(field.name)) report('naming', coordinate, `field ${coordinate} is not camelCase`);
      if (!field.description?.trim()) report('description', coordinate, `field ${coordinate} has no description`);
      deprecation(field, coordinate);
      for (const arg of field.args) {
        const argCoordinate = `${coordinate}.${arg.name}`;
        if (!CAMEL_CASE.test(arg.name)) report('naming', argCoordinate, `argument ${argCoordinate} is not camelCase`);
        deprecation(arg, argCoordinate);
      }
      const result = getNamedType(field.type);
      if (type === mutationType && !(isObjectType(result) && result.name.endsWith('Payload'))) {
        report('mutation-payload', coordinate, `mutation ${field.name} returns ${result.name}, not a …Payload object type`);
      }
      const nullable = getNullableType(field.type);
      if (isListType(nullable) && isEntity(result)) {
        report(
          'list-connection',
          coordinate,
          `${coordinate} returns a list of ${result.name}: make it a ${result.name}Connection, or exempt it as a bounded list`,
        );
      }
    }
  }
  return findings;
}
