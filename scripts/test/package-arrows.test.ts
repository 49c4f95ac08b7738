import { runNode } from './helpers';

/**
 * The arrows between packages (docs/architecture.md) are the lint rule flowgraph/package-arrows
 * (scripts/lint/package-arrows.mjs, configured in eslint.config.mjs). Each case is an import a
 * file of the repository could hold, linted with the repository's own ESLint config.
 */
const cases: [file: string, code: string, expected: string[]][] = [
  // Allowed arrows, through entry points.
  ['subgraphs/core/src/x.ts', "import { AppError } from '@flowgraph/kernel';", []],
  ['subgraphs/core/src/x.ts', "import { until } from '@flowgraph/kernel/testing';", []],
  ['gateway/src/x.ts', "import { composeSupergraph } from '@flowgraph/supergraph';", []],
  ['packages/schema-governance/src/x.ts', "import { parseManifest } from '@flowgraph/supergraph';", []],
  ['packages/supergraph/test/x.test.ts', "import { composeSupergraph } from '../src';", []],
  // No subgraph imports another subgraph, by name or by path.
  ['subgraphs/core/src/x.ts', "import { a } from '@flowgraph/workflow';", ['arrow']],
  ['subgraphs/analytics/src/x.ts', "export { a } from '../../workflow/src/modules/x';", ['relative']],
  // The kernel and the supergraph package import no domain or application package.
  ['packages/kernel/src/x.ts', "import type { a } from '@flowgraph/core';", ['arrow']],
  ['packages/kernel/src/x.ts', "const m = import('@flowgraph/gateway');", ['arrow']],
  ['packages/supergraph/src/x.ts', "import { a } from '@flowgraph/kernel';", ['arrow']],
  // Tooling imports no application package, its src or its dist.
  ['packages/schema-governance/src/x.ts', "import { startGateway } from '@flowgraph/gateway';", ['arrow']],
  ['packages/schema-governance/test/x.test.ts', "import { a } from '../../../gateway/src/config';", ['relative']],
  // The e2e package imports what it starts, through entry points; nothing imports it.
  ['e2e/test/x.test.ts', "import { startCoreHarness } from '@flowgraph/core/testing';", []],
  ['e2e/support/x.ts', "import { startGateway } from '@flowgraph/gateway';", []],
  ['e2e/test/support/x.ts', "import { a } from '../../../subgraphs/core/src/modules/x';", ['relative']],
  ['gateway/test/x.test.ts', "import { startFederation } from '@flowgraph/e2e';", ['arrow']],
  // Tests, benches and scripts too reach another package only by name, through its exports.
  ['subgraphs/analytics/test/x.test.ts', "import { a } from '../../workflow/src';", ['relative']],
  ['bench/x.ts', "import { a } from '../subgraphs/analytics/src/config';", ['relative']],
  ['bench/x.ts', "import { a } from '@flowgraph/analytics/src/config';", ['subpath']],
  ['packages/schema-governance/src/x.ts', "import { subgraphNames } from '@flowgraph/gateway/dist/src/subgraphs';", ['dist']],
  // No dist/ deep import anywhere, of ours or of a library; packages only through their exports.
  ['subgraphs/core/src/server.ts', "import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';", ['dist']],
  ['bench/x.ts', "import { a } from '../gateway/dist/src/main';", ['dist']],
  ['gateway/src/x.ts', "import { AppError } from '@flowgraph/kernel/src/errors';", ['subpath']],
];

it('allows the arrows of docs/architecture.md and refuses every other import between packages', async () => {
  const run = await runNode(
    'scripts/test/fixtures/lint-texts.mjs',
    [JSON.stringify(cases.map(([file, code]) => ({ file, code })))],
    { ...process.env },
    60_000,
  );
  expect(run.stderr).toBe('');
  const found = JSON.parse(run.stdout) as string[][];
  expect(cases.map(([file, code], i) => [file, code, found[i]])).toEqual(cases.map(([file, code, expected]) => [file, code, expected]));
});
