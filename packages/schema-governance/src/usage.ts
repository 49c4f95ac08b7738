import {
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

/** What an operation touches in a schema. */
export interface Usage {
  /** Named types: parents of selected fields, their result types, argument and variable types (input types with everything they hold). */
  types: Set<string>;
  /** Schema coordinates: `Type.field` selected, `Type.field.arg` passed, `Input.field` and `Enum.VALUE` written as literals, `@directive` used. */
  coordinates: Set<string>;
}

/** Marks an input type and every input and enum type reachable from its fields: a client may send any of them. */
function addInputType(type: GraphQLNamedType | undefined, types: Set<string>): void {
  if (!type || types.has(type.name)) return;
  types.add(type.name);
  if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) addInputType(getNamedType(field.type), types);
}

/**
 * The types and coordinates an operation (with its fragments) touches in `schema`. Parts the
 * schema does not know are skipped: compute usage against the schema the operation was written for.
 */
export function operationUsage(schema: GraphQLSchema, document: DocumentNode): Usage {
  const types = new Set<string>();
  const coordinates = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition() {
        const root = typeInfo.getType();
        if (root) types.add(getNamedType(root).name);
      },
      VariableDefinition(node) {
        const type = typeFromAST(schema, node.type);
        addInputType(type && getNamedType(type), types);
      },
      InlineFragment() {
        const type = typeInfo.getType();
        if (type) types.add(getNamedType(type).name);
      },
      FragmentDefinition() {
        const type = typeInfo.getType();
        if (type) types.add(getNamedType(type).name);
      },
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || node.name.value.startsWith('__')) return;
        types.add(parent.name);
        coordinates.add(`${parent.name}.${field.name}`);
        const result = getNamedType(field.type);
        types.add(result.name);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!argument) return;
        if (parent && field) coordinates.add(`${parent.name}.${field.name}.${argument.name}`);
        addInputType(getNamedType(argument.type), types);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        const named = parent && getNamedType(parent);
        if (named && isInputObjectType(named)) coordinates.add(`${named.name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        const named = type && getNamedType(type);
        if (named && isEnumType(named)) coordinates.add(`${named.name}.${node.value}`);
      },
      Directive(node) {
        coordinates.add(`@${node.name.value}`);
      },
    }),
  );
  return { types, coordinates };
}
