import type { DocumentNode, GraphQLSchema } from 'graphql';
import { manifestJson } from '@flowgraph/supergraph';
import { documentsModule, idsModule, persistedDocuments, withTypenames } from './persisted-documents';

/** The plugin's options in codegen.yml. */
export interface PersistedDocumentsPluginConfig {
  /**
   * `manifest` (default): the client's persisted-documents.json; `ids`: a TypeScript map of
   * operation name → id; `documents`: name → id and body.
   */
  output?: 'manifest' | 'ids' | 'documents';
  /** Register the documents with `__typename` in every selection set, as urql sends them (`withTypenames`). Default false. */
  addTypename?: boolean;
}

/** What graphql-codegen passes a plugin for each document file (the parts used here). */
interface DocumentFile {
  document?: DocumentNode;
}

/**
 * A graphql-codegen plugin (codegen.yml names its built file): writes a client's registered
 * operations as the gateway's manifest format with sha256 ids, or the matching id map.
 */
export function plugin(_schema: GraphQLSchema, documents: DocumentFile[], config: PersistedDocumentsPluginConfig): string {
  const parsed = documents.flatMap((file) => (file.document ? [file.document] : []));
  const registered = persistedDocuments(config.addTypename ? parsed.map(withTypenames) : parsed);
  if (config.output === 'ids') return idsModule(registered);
  return config.output === 'documents' ? documentsModule(registered) : manifestJson(registered);
}

/** Called by graphql-codegen before `plugin`: refuses an unknown `output`. */
export function validate(_schema: GraphQLSchema, _documents: DocumentFile[], config: PersistedDocumentsPluginConfig): void {
  if (config.output !== undefined && !['manifest', 'ids', 'documents'].includes(config.output)) {
    throw new Error(`persisted-documents plugin: output must be "manifest", "ids" or "documents", not ${JSON.stringify(config.output)}`);
  }
}
