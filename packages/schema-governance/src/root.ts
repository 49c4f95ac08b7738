import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest ancestor of `from` holding `gateway/` and `subgraphs/` (a Flowgraph checkout); `from` itself when none does. */
export function findRepositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'gateway')) && existsSync(join(dir, 'subgraphs'))) return dir;
  }
  return from;
}
