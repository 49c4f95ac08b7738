import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The gateway package folder, found from `fromDir` whether code runs from `src/` (tests, tsx)
 * or `dist/src/` (built): the nearest ancestor with a package.json.
 */
export function gatewayRoot(fromDir: string = __dirname): string {
  for (let dir = fromDir; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`No package.json above ${fromDir}`);
}

/** The committed supergraph the gateway serves. */
export const supergraphPath = (root = gatewayRoot()): string => join(root, 'supergraph.graphql');

/** A subgraph's SDL file: read as a file, never imported, so the gateway depends on no subgraph package. */
export const subgraphSdlPath = (name: string, root = gatewayRoot()): string => join(dirname(root), 'subgraphs', name, 'schema.graphql');
