import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (scripts/lib/ is two levels down), so scripts work from any cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Local state that must never be committed (embedded Postgres data); .gitignore lists it. */
export const stateDir = path.join(repoRoot, '.flowgraph');
