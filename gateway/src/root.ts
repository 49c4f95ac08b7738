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

/** The repository the gateway runs from: its subgraphs' SDL, the committed supergraph and clients/ are found from here. */
export const repositoryRoot = (): string => dirname(gatewayRoot());
