import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runScript } from './support/run-script';

let root: string;
afterAll(() => {
  if (!root) return;
  unlinkSync(join(root, 'node_modules')); // the link first: the repository's node_modules stays untouched
  rmSync(root, { recursive: true, force: true });
});

it('passes on this repository: every file codegen.yml generates is committed as codegen writes it now', async () => {
  const run = await runScript('codegen/codegen-check.ts', ['--root', repoRoot]);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^codegen-check: \d+ generated files are up to date$/m);
  expect(run.code).toBe(0);
});

it('fails and names each generated file that is stale or missing', async () => {
  root = mkdtempSync(join(tmpdir(), 'codegen-check-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules')); // codegen loads plugins from the working directory
  mkdirSync(join(root, 'operations'));
  mkdirSync(join(root, 'out'));
  writeFileSync(join(root, 'schema.graphql'), 'type Query { "The answer." answer: Int! }\n');
  writeFileSync(join(root, 'operations', 'answer.graphql'), 'query Answer { answer }\n');
  writeFileSync(
    join(root, 'codegen.yml'),
    [
      'generates:',
      '  out/operations.ts:',
      '    schema: schema.graphql',
      '    documents: operations/*.graphql',
      '    plugins: [typescript-operations]',
      '  out/persisted-documents.json:',
      '    schema: schema.graphql',
      '    documents: operations/*.graphql',
      `    plugins: [${join(repoRoot, 'packages/schema-governance/src/codegen/persisted-documents-plugin.ts')}]`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'out', 'operations.ts'), 'export type AnswerQuery = { answer: string };\n');

  const run = await runScript('codegen/codegen-check.ts', ['--root', root]);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('codegen-check: 2 of 2 generated files are stale; run `npm run codegen` and commit them:');
  expect(run.stderr).toContain('  - out/operations.ts (differs from a fresh generation)');
  expect(run.stderr).toContain('  - out/persisted-documents.json (not generated yet)');
});
