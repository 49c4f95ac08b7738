#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runSchemaCheck } from './check';
import { UnknownRefError } from './comparisons';
import { ConfigError } from './config';
import { findRepositoryRoot } from './root';
import { summaryLines } from './report/summary';
import { renderMarkdown } from './report/markdown';
import { runMain } from './run-main';

const USAGE = `Usage: schema-check [--ci] [--base <git-ref>]... [--root <dir>] [--out <dir>] [--update-baseline]

Composes the subgraphs, compares the API schema with gateway/supergraph.graphql (and main with
--ci, and each --base ref), validates every registered client operation, lists deprecations and
lints the schema. Writes schema-report.md and schema-report.json to --out (default: the root).

  --ci               also compare with main (origin/main or main), fail on a stale supergraph
  --base <ref>       also compare with <ref>'s gateway/supergraph.graphql (repeatable)
  --root <dir>       the repository to check (default: the one around the current directory)
  --out <dir>        where to write the reports (default: the root)
  --update-baseline  record today's lint findings as the baseline in schema-governance.json

Exit status: 0 pass, 1 fail, 2 the check could not run (bad arguments, configuration or ref).`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        ci: { type: 'boolean', default: false },
        base: { type: 'string', multiple: true, default: [] },
        root: { type: 'string' },
        out: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const root = values.root ? resolve(values.root) : findRepositoryRoot(process.cwd());
  const out = values.out ? resolve(values.out) : root;
  let report;
  try {
    report = await runSchemaCheck({ root, ci: values.ci, bases: values.base, updateBaseline: values['update-baseline'] });
  } catch (error) {
    if (error instanceof UnknownRefError || error instanceof ConfigError) {
      console.error(`schema-check: ${error.message}`);
      return 2;
    }
    throw error;
  }
  mkdirSync(out, { recursive: true });
  const markdown = resolve(out, 'schema-report.md');
  const json = resolve(out, 'schema-report.json');
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  for (const line of summaryLines(report)) console.log(line);
  const shown = (file: string) => (file.startsWith(process.cwd()) ? relative(process.cwd(), file) : file);
  console.log(`report: ${shown(markdown)}, ${shown(json)}`);
  return report.result === 'pass' ? 0 : 1;
}

runMain(main);
