import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subgraphNames } from '@flowgraph/supergraph';
import type { SchemaReport } from '../../src/types';
import { repoRoot, runScript, type ScriptRun } from './run-script';

export { repoRoot };

/**
 * A temporary repository shaped like ours, holding what schema-check reads: the four subgraph
 * SDLs, the committed supergraph, clients/ and schema-governance.json, copied from this
 * checkout. Tests change the copy, never the repository.
 */
export function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  for (const name of subgraphNames) {
    mkdirSync(join(root, 'subgraphs', name), { recursive: true });
    cpSync(join(repoRoot, 'subgraphs', name, 'schema.graphql'), join(root, 'subgraphs', name, 'schema.graphql'));
  }
  mkdirSync(join(root, 'gateway'));
  cpSync(join(repoRoot, 'gateway', 'supergraph.graphql'), join(root, 'gateway', 'supergraph.graphql'));
  cpSync(join(repoRoot, 'clients'), join(root, 'clients'), { recursive: true });
  cpSync(join(repoRoot, 'schema-governance.json'), join(root, 'schema-governance.json'));
  return root;
}

/** A `fixtureRoot()` factory for one test file; the roots it made are removed after the file's tests. */
export function fixtureRoots(): () => string {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  return () => {
    const root = fixtureRoot();
    roots.push(root);
    return root;
  };
}

/** Replaces `from` (which must occur exactly once) in a subgraph's SDL: a fixture change that cannot silently miss. */
export function editSubgraph(root: string, subgraph: string, from: string, to: string): void {
  const file = join(root, 'subgraphs', subgraph, 'schema.graphql');
  const sdl = readFileSync(file, 'utf8');
  const at = sdl.indexOf(from);
  if (at < 0 || sdl.indexOf(from, at + 1) >= 0)
    throw new Error(`fixture: expected exactly one ${JSON.stringify(from)} in ${subgraph}'s schema`);
  writeFileSync(file, sdl.slice(0, at) + to + sdl.slice(at + from.length));
}

export interface CheckRun extends ScriptRun {
  /** schema-report.json, when the run wrote one. */
  report?: SchemaReport;
  /** schema-report.md, when the run wrote one. */
  markdown?: string;
}

/** Runs `schema-check --root <root> ...args` and reads the reports it wrote to `out` (default: the root). */
export async function runSchemaCheck(root: string, args: string[] = [], out = root): Promise<CheckRun> {
  for (const file of ['schema-report.json', 'schema-report.md']) rmSync(join(out, file), { force: true });
  const run = await runScript('cli.ts', ['--root', root, ...(out === root ? [] : ['--out', out]), ...args]);
  const json = join(out, 'schema-report.json');
  const markdown = join(out, 'schema-report.md');
  return {
    ...run,
    ...(existsSync(json) ? { report: JSON.parse(readFileSync(json, 'utf8')) as SchemaReport } : {}),
    ...(existsSync(markdown) ? { markdown: readFileSync(markdown, 'utf8') } : {}),
  };
}
