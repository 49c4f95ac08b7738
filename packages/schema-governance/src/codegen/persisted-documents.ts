import {
  Kind,
  print,
  type FieldNode,
  type SelectionSetNode,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type OperationTypeNode,
} from 'graphql';
import { sha256Hex } from '@flowgraph/supergraph';

/** One operation as a client registers it: its body is the operation followed by the fragments it uses. */
export interface PersistedDocument {
  id: string;
  name: string;
  type: OperationTypeNode;
  body: string;
}

/** The fragments an operation uses, directly or through other fragments, in order of first use. */
function usedFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const walk = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`operation ${operation.name?.value ?? '(anonymous)'} spreads unknown fragment ${name}`);
        used.set(name, fragment);
        walk(fragment);
      },
    });
  walk(operation);
  return [...used.values()];
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * `__typename` in every selection set but an operation's root, as urql adds it to what it sends:
 * a client that sends only ids still gets the type names its normalized or document cache
 * needs to tell which queries a mutation's answer makes stale.
 */
export function withTypenames(document: DocumentNode): DocumentNode {
  return visit(document, {
    SelectionSet: {
      leave(node: SelectionSetNode, _key, parent) {
        if (parent && !Array.isArray(parent) && (parent as { kind?: Kind }).kind === Kind.OPERATION_DEFINITION) return undefined;
        if (node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)) return undefined;
        return { ...node, selections: [...node.selections, TYPENAME] };
      },
    },
  });
}

/**
 * Every operation of `documents` as a persisted document: one named operation per body (the
 * gateway runs a document by id without an operation name), printed by graphql-js, with its
 * sha256 (hex) as id. Sorted by name, so the manifest changes only where operations do.
 */
export function persistedDocuments(documents: DocumentNode[]): PersistedDocument[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value)) throw new Error(`fragment ${definition.name.value} is defined twice`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) throw new Error('every registered operation needs a name (the report names clients’ operations by it)');
        operations.push(definition);
      }
    }
  }
  const seen = new Set<string>();
  return operations
    .map((operation) => {
      const name = operation.name!.value;
      if (seen.has(name)) throw new Error(`operation ${name} is defined twice`);
      seen.add(name);
      const body = print({ kind: Kind.DOCUMENT, definitions: [operation, ...usedFragments(operation, fragments)] });
      return { id: sha256Hex(body), name, type: operation.operation, body };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A TypeScript map from operation name to id, for a client that sends ids (e.g. urql's persistedExchange). */
export function idsModule(documents: PersistedDocument[]): string {
  const entries = documents.map(({ name, id }) => `  ${name}: '${id}',`).join('\n');
  return `/** sha256 ids of the operations registered in clients/<client>/persisted-documents.json, by operation name. */\nexport const persistedDocumentIds = {\n${entries}\n} as const;\n`;
}

/** A TypeScript map from operation name to id and body, for a server that runs its own registered operations. */
export function documentsModule(documents: PersistedDocument[]): string {
  const entries = documents.map(({ name, id, body }) => `  ${name}: { id: '${id}', body: ${JSON.stringify(body)} },`).join('\n');
  return `/** The operations registered in clients/<client>/persisted-documents.json, by operation name: sha256 id and body. */\nexport const persistedDocuments = {\n${entries}\n} as const;\n`;
}
