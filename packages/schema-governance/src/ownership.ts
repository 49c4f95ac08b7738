import { Kind, isTypeDefinitionNode, parse, type ConstDirectiveNode } from 'graphql';

/** Which subgraphs define a schema coordinate (`Type`, `Type.field`, `Type.field.arg`, `Enum.VALUE`). */
export type Ownership = (coordinate: string) => string[];

/** The owners a supergraph records for each type (`Type`) and member (`Type.field`, `Enum.VALUE`). */
export type OwnerTable = ReadonlyMap<string, string[]>;

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
const enumArgument = (directive: ConstDirectiveNode, name: string): string | undefined => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
};
const isTrue = (directive: ConstDirectiveNode, name: string): boolean => {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
};

/**
 * Reads ownership from a supergraph's join directives: `@join__type(graph:)` on types,
 * `@join__field(graph:)` on fields (a field without one belongs to every subgraph of its type;
 * an `external` one to none of them), `@join__enumValue(graph:)` on enum values.
 */
export function supergraphOwners(supergraphSdl: string): OwnerTable {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphNames = new Map<string, string>();
  const owners = new Map<string, string[]>();
  const definitions = document.definitions.filter(isTypeDefinitionNode);

  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = graph && argument(graph, 'name');
      if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
    }
  }
  const graphsOf = (
    directives: readonly ConstDirectiveNode[] | undefined,
    directive: string,
    skip?: (d: ConstDirectiveNode) => boolean,
  ): string[] =>
    (directives ?? [])
      .filter((d) => d.name.value === directive && !skip?.(d))
      .map((d) => graphNames.get(enumArgument(d, 'graph') ?? '') ?? '')
      .filter((name, index, all) => name !== '' && all.indexOf(name) === index);

  for (const definition of definitions) {
    const typeName = definition.name.value;
    const typeOwners = graphsOf(definition.directives, 'join__type');
    owners.set(typeName, typeOwners);
    if ('fields' in definition) {
      for (const field of definition.fields ?? []) {
        const joined = field.directives?.some((d) => d.name.value === 'join__field');
        const fieldOwners = joined
          ? graphsOf(field.directives, 'join__field', (d) => isTrue(d, 'external') || isTrue(d, 'usedOverridden'))
          : typeOwners;
        owners.set(`${typeName}.${field.name.value}`, fieldOwners);
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const joined = value.directives?.some((d) => d.name.value === 'join__enumValue');
        owners.set(`${typeName}.${value.name.value}`, joined ? graphsOf(value.directives, 'join__enumValue') : typeOwners);
      }
    }
  }

  return owners;
}

/**
 * Ownership from one or more supergraphs (the new one first, then a base's, for coordinates
 * that were removed): the most specific coordinate any of them records wins, so a removed
 * field is attributed to the subgraph that had it, not to every subgraph of its type.
 * An argument belongs to its field's subgraphs.
 */
export function ownership(...tables: OwnerTable[]): Ownership {
  return (coordinate) => {
    const parts = coordinate.replace(/^@/, '').split('.');
    for (let length = Math.min(parts.length, 2); length > 0; length--) {
      const key = parts.slice(0, length).join('.');
      for (const table of tables) {
        const found = table.get(key);
        if (found && found.length > 0) return found;
      }
    }
    return [];
  };
}
