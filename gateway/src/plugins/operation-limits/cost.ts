import {
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  parse,
  valueFromASTUntyped,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Federation's demand-control directives (`@cost`, `@listSize`) as composed into the supergraph. */
export interface CostDirectives {
  /** `Type.field` or `Type` → weight. */
  weights: Map<string, number>;
  /** `Type.field` → its `@listSize`. */
  listSizes: Map<string, { assumedSize?: number; slicingArguments?: string[]; sizedFields?: string[] }>;
}

export interface CostOptions {
  /** Cost of a field returning an object, interface or union, unless weighted. Default 1. */
  objectCost?: number;
  /** Cost of a field returning a scalar or enum, unless weighted. Default 0. */
  scalarCost?: number;
  /** Items assumed for a list with no slicing argument and no `assumedSize`. Default 10. */
  defaultListSize?: number;
}

const argsOf = (directive: DirectiveNode) =>
  Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)])) as Record<string, unknown>;

/** Reads `@cost(weight:)` (fields and types) and `@listSize(...)` (fields) from a supergraph SDL. */
export function costDirectivesFromSupergraph(supergraphSdl: string): CostDirectives {
  const weights = new Map<string, number>();
  const listSizes: CostDirectives['listSizes'] = new Map();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeCost = definition.directives?.find((d) => d.name.value === 'cost');
    if (typeCost) weights.set(definition.name.value, Number(argsOf(typeCost).weight));
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        const args = argsOf(directive);
        if (directive.name.value === 'cost') weights.set(coordinate, Number(args.weight));
        if (directive.name.value === 'listSize') {
          listSizes.set(coordinate, {
            assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : undefined,
            slicingArguments: Array.isArray(args.slicingArguments) ? args.slicingArguments.map(String) : undefined,
            sizedFields: Array.isArray(args.sizedFields) ? args.sizedFields.map(String) : undefined,
          });
        }
      }
    }
  }
  return { weights, listSizes };
}

const CONNECTION_SLICING = ['first', 'last'];
const CONNECTION_SIZED = ['edges', 'nodes'];

/**
 * The static cost of an operation: each field costs its weight (`@cost`, else the type's
 * `@cost`, else objectCost or scalarCost) plus its selections, times the list size for lists.
 * A list's size is the largest slicing argument given (`@listSize(slicingArguments)`, else
 * `first`/`last`), else `@listSize(assumedSize)`, else defaultListSize. A connection (not a list
 * itself) passes its slice size on to its sized fields (`edges`, `nodes` by default). Arguments
 * are read with the request's variables, so `first: $n` costs what `$n` asks for.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  directives: CostDirectives,
  options: CostOptions = {},
): number {
  const objectCost = options.objectCost ?? 1;
  const scalarCost = options.scalarCost ?? 0;
  const defaultListSize = options.defaultListSize ?? 10;

  function selectionSetCost(parent: GraphQLNamedType, selectionSet: SelectionSetNode, sized?: { names: string[]; size: number }): number {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type) total += selectionSetCost(type, selection.selectionSet, sized);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type) total += selectionSetCost(type, fragment.selectionSet, sized);
        continue;
      }
      const name = selection.name.value;
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
      const field = parent.getFields()[name];
      if (!field) continue;
      const coordinate = `${parent.name}.${name}`;
      const named = getNamedType(field.type);
      const weight =
        directives.weights.get(coordinate) ?? directives.weights.get(named.name) ?? (isCompositeType(named) ? objectCost : scalarCost);
      const listSize = directives.listSizes.get(coordinate);
      let args: Record<string, unknown> = {};
      try {
        args = getArgumentValues(field, selection, variables);
      } catch {
        // Bad variables fail later, in execution, with their own error; cost them as absent.
      }
      const slices = (listSize?.slicingArguments ?? CONNECTION_SLICING)
        .map((a) => args[a])
        .filter((v): v is number => typeof v === 'number');
      const size = slices.length > 0 ? Math.max(...slices) : listSize?.assumedSize;
      const isList = isListType(getNullableType(field.type));
      let multiplier = 1;
      let passOn: { names: string[]; size: number } | undefined;
      if (isList) multiplier = sized?.names.includes(name) ? sized.size : (size ?? defaultListSize);
      else if (size !== undefined) passOn = { names: listSize?.sizedFields ?? CONNECTION_SIZED, size };
      const children = selection.selectionSet ? selectionSetCost(named, selection.selectionSet, passOn) : 0;
      total += Math.max(0, multiplier) * (weight + children);
    }
    return total;
  }

  const root = schema.getRootType(operation.operation);
  return root ? selectionSetCost(root, operation.selectionSet) : 0;
}
