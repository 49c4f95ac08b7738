import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { CLIENT_NAME, MANIFEST_FILE, parseManifest } from '@flowgraph/supergraph';
import type { ClientOperations, OperationRef } from './types';

/** One operation a registered client may send, parsed. */
export interface RegisteredOperation extends OperationRef {
  body: string;
  document: DocumentNode;
}

export interface Registry {
  clients: ClientOperations[];
  operations: RegisteredOperation[];
  /** Folders the gateway would ignore (not a client name, or no manifest). */
  ignored: string[];
}

/**
 * Every registered client's operations: each `<clientsDir>/<client>/persisted-documents.json`,
 * read with the gateway's own manifest parser, so a manifest this accepts is one the gateway
 * loads (and one it refuses is reported here, not discovered in production). Any client that
 * commits a manifest there is covered: partners, the web app, the REST shim.
 */
export function loadRegistry(root: string, clientsDir: string): Registry {
  const dir = join(root, clientsDir);
  const registry: Registry = { clients: [], operations: [], ignored: [] };
  if (!existsSync(dir)) return registry;
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
    .map((entry) => entry.name)
    .sort();
  for (const client of folders) {
    const file = join(dir, client, MANIFEST_FILE);
    const shown = relative(root, file);
    if (!CLIENT_NAME.test(client) || !existsSync(file)) {
      registry.ignored.push(relative(root, join(dir, client)));
      continue;
    }
    try {
      const manifest = parseManifest(JSON.parse(readFileSync(file, 'utf8')));
      registry.clients.push({ client, file: shown, operations: manifest.size });
      for (const document of manifest.values()) {
        registry.operations.push({
          client,
          operation: document.name ?? document.id,
          id: document.id,
          body: document.body,
          document: parse(document.body),
        });
      }
    } catch (error) {
      registry.clients.push({ client, file: shown, operations: 0, refused: (error as Error).message });
    }
  }
  return registry;
}

export const operationLabel = (ref: OperationRef): string => `${ref.client}/${ref.operation}`;
