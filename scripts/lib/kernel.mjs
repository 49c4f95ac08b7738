import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { UserError } from './user-error.mjs';
import { subgraphs } from './services.mjs';

// The kernel and the compiled migrations are CommonJS; require them from the repo root.
const require = createRequire(path.join(repoRoot, 'package.json'));

/** Requires a compiled file, or says to build when it is not there (a clear line, not a stack). */
function requireBuilt(file) {
  if (!existsSync(file)) throw new UserError(`Flowgraph is not built (${path.relative(repoRoot, file)} is missing): run npm run build`);
  return require(file);
}

/** The built kernel (`packages/kernel/dist`). */
export function loadKernel() {
  return requireBuilt(path.join(repoRoot, 'packages', 'kernel', 'dist', 'index.js'));
}

/**
 * Each subgraph's migration plan in apply order (core, workflow, integration, analytics).
 * Loaded from `<subgraph>/dist/migrations` — the same object each index exports as
 * `migrationPlan` — so migrating does not start or even load a subgraph's server code.
 */
export function loadMigrationPlans() {
  return subgraphs.map((s) => ({
    name: s.name,
    plan: requireBuilt(path.join(repoRoot, s.dir, 'dist', 'migrations', 'index.js')).migrationPlan,
  }));
}

/** The built contracts (`packages/contracts/dist`): the stream keys both sides agree on. */
export function loadContracts() {
  return requireBuilt(path.join(repoRoot, 'packages', 'contracts', 'dist', 'index.js'));
}
