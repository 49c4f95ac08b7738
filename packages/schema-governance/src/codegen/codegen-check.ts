#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import { findRepositoryRoot } from '../root';
import { runMain } from '../run-main';

/** A generated file that differs from what codegen would write now. */
export interface StaleOutput {
  file: string;
  reason: 'missing' | 'differs';
}

/**
 * Runs graphql-codegen with `<root>/codegen.yml` in memory (nothing is written) and compares
 * every output with the committed file. Schema and document paths resolve from `root`.
 */
export async function staleOutputs(root: string): Promise<{ checked: string[]; stale: StaleOutput[] }> {
  const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.yml') });
  const previous = process.cwd();
  process.chdir(root); // codegen resolves schema files, documents and plugin paths from the working directory
  try {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true, verbose: false }, false);
    const stale: StaleOutput[] = [];
    for (const output of outputs) {
      const file = resolve(root, output.filename);
      if (!existsSync(file)) stale.push({ file: relative(root, file), reason: 'missing' });
      else if (readFileSync(file, 'utf8') !== output.content) stale.push({ file: relative(root, file), reason: 'differs' });
    }
    return { checked: outputs.map((o) => relative(root, resolve(root, o.filename))), stale };
  } finally {
    process.chdir(previous);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { root: { type: 'string' } }, strict: true });
  const root = values.root ? resolve(values.root) : findRepositoryRoot(process.cwd());
  const { checked, stale } = await staleOutputs(root);
  if (stale.length === 0) {
    console.log(`codegen-check: ${checked.length} generated files are up to date`);
    return 0;
  }
  console.error(`codegen-check: ${stale.length} of ${checked.length} generated files are stale; run \`npm run codegen\` and commit them:`);
  for (const { file, reason } of stale)
    console.error(`  - ${file} (${reason === 'missing' ? 'not generated yet' : 'differs from a fresh generation'})`);
  return 1;
}

if (require.main === module) runMain(main);
