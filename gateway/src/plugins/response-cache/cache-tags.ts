import {
  Kind,
  TypeInfo,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
} from 'graphql';

/** Object types a named type stands for: itself, or every possible type of an interface or union. */
function objectTypeNames(schema: GraphQLSchema, type: GraphQLNamedType): string[] {
  if (isObjectType(type)) return [type.name];
  if (isAbstractType(type)) return schema.getPossibleTypes(type).map((t) => t.name);
  return [];
}

// Per parsed document (Apollo Server reuses the parsed document of a repeated query).
const typeTagCache = new WeakMap<DocumentNode, Map<string, string[]>>();

/**
 * Every object type the operation can return, from its selections (not from the data): a cached
 * empty list of workflows is still tagged `Workflow`, so creating one invalidates it.
 */
export function operationTypeTags(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): string[] {
  let byOperation = typeTagCache.get(document);
  if (!byOperation) typeTagCache.set(document, (byOperation = new Map()));
  const cached = byOperation.get(operationName ?? '');
  if (cached) return cached;
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  // The whole document, fragments included: types of a sibling operation only make tags broader.
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (!type) return;
        const named = getNamedType(type);
        if (named.name.startsWith('__')) return;
        for (const name of objectTypeNames(schema, named)) names.add(name);
      },
    }),
  );
  const tags = [...names].sort();
  byOperation.set(operationName ?? '', tags);
  return tags;
}

/**
 * What a mutation may have changed: the types it selects, plus the types its payloads point at
 * directly (so `removeMember { removedMembershipId }` still names Membership).
 */
export function mutationTypeTags(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const names = new Set(operationTypeTags(schema, document, operation.name?.value));
  const root = schema.getMutationType();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !root) continue;
    const payload = getNamedType(root.getFields()[selection.name.value]?.type);
    if (!payload) continue;
    for (const name of objectTypeNames(schema, payload)) names.add(name);
    if (!isObjectType(payload)) continue;
    for (const field of Object.values(payload.getFields())) {
      for (const name of objectTypeNames(schema, getNamedType(field.type))) names.add(name);
    }
  }
  return [...names].sort();
}

interface IdWalk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  tags: Set<string>;
  limit: number;
}

/**
 * `Type:id` of every object in the response whose type is known (statically, or from a selected
 * `__typename`) and whose `id` was selected; at most `limit`, so a long list does not fan out
 * into thousands of tag sets.
 */
export function entityIdTags(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  data: unknown,
  limit: number,
): string[] {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  const root = schema.getRootType(operation.operation);
  const walk: IdWalk = { schema, fragments, tags: new Set(), limit };
  if (root && limit > 0) visitValue(walk, root, operation.selectionSet.selections, data);
  return [...walk.tags];
}

function visitValue(walk: IdWalk, type: GraphQLCompositeType, selections: readonly SelectionNode[], value: unknown): void {
  if (value === null || value === undefined || walk.tags.size >= walk.limit) return;
  if (Array.isArray(value)) {
    for (const item of value) visitValue(walk, type, selections, item);
    return;
  }
  if (typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const typename = typeof record.__typename === 'string' ? walk.schema.getType(record.__typename) : undefined;
  const concrete = isObjectType(type) ? type : isObjectType(typename) ? typename : undefined;
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const child = record[key];
      if (selection.name.value === 'id' && concrete && (typeof child === 'string' || typeof child === 'number')) {
        if (walk.tags.size < walk.limit) walk.tags.add(`${concrete.name}:${child}`);
        continue;
      }
      if (!selection.selectionSet) continue;
      const parent = concrete ?? type;
      // A union has no fields of its own: without a __typename its members' fields cannot be typed.
      const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
      const fieldType = field && getNamedType(field.type);
      if (fieldType && isCompositeType(fieldType)) visitValue(walk, fieldType, selection.selectionSet.selections, child);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : walk.fragments[selection.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
    // A fragment on another concrete type does not apply to this object.
    if (concrete && condition && isObjectType(condition) && condition !== concrete) continue;
    visitValue(walk, concrete ?? type, fragment.selectionSet.selections, record);
  }
}
