import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeWorkspace } from '../src/composition';
import { editSubgraph, fixtureRoots, runSchemaCheck } from './support/fixture-root';

const newRoot = fixtureRoots();

/** What `npm run compose` does, for a fixture: writes a fresh gateway/supergraph.graphql. */
function recompose(root: string): void {
  const outcome = composeWorkspace(root);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  writeFileSync(join(root, 'gateway', 'supergraph.graphql'), outcome.supergraphSdl);
}

const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Schema Test', '-c', 'user.email=schema-test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: root,
    stdio: 'pipe',
  });

it('reports a deprecated field with the registered operations that still use it, and passes', async () => {
  const root = newRoot();
  editSubgraph(root, 'workflow', '  isActive: Boolean!\n', '  isActive: Boolean! @deprecated(reason: "Use `status` instead.")\n');
  const { code, report, markdown } = await runSchemaCheck(root);

  expect(code).toBe(0);
  const [deprecation] = report!.deprecations;
  expect(deprecation).toMatchObject({ coordinate: 'Workflow.isActive', reason: 'Use `status` instead.', subgraphs: ['workflow'] });
  expect(deprecation.usedBy.map((u) => `${u.client}/${u.operation}`)).toEqual(
    expect.arrayContaining(['partner-example/PartnerWorkflows', 'web/Dashboard', 'web/SetWorkflowActive']),
  );
  expect(deprecation.usedBy.map((u) => u.operation)).not.toContain('PartnerPatterns');
  expect(report!.warnings).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^Workflow\.isActive is deprecated \("Use `status` instead\."\) and still used by partner-example\/PartnerWorkflows/,
      ),
    ]),
  );
  expect(markdown).toMatch(
    /## Deprecations\n\n\| coordinate \| reason \| subgraphs \| still used by \|\n.*\n\| `Workflow.isActive` \| Use `status` instead. \| workflow \| `partner-example\/PartnerWorkflows`/,
  );
});

it('fails on new lint findings, names the rule and subgraph, and passes once they are in the baseline', async () => {
  const root = newRoot();
  editSubgraph(
    root,
    'integration',
    'type Query {\n',
    'type Query {\n  integrationsByProvider(provider: IntegrationProvider!): [Integration!]!\n  "Deprecated without saying why."\n  legacyIntegration(id: ID!): Integration @deprecated\n',
  );
  editSubgraph(
    root,
    'integration',
    'type Mutation {\n',
    'type Mutation {\n  "Turns a connection off."\n  disableIntegration(id: ID!): Integration!\n',
  );
  const first = await runSchemaCheck(root);

  expect(first.code).toBe(1);
  expect(first.report!.lint.findings.map((f) => `${f.rule} ${f.coordinate} ${f.subgraphs.join(',')}`).sort()).toEqual([
    'deprecation-reason Query.legacyIntegration integration',
    'description Query.integrationsByProvider integration',
    'list-connection Query.integrationsByProvider integration',
    'mutation-payload Mutation.disableIntegration integration',
  ]);
  expect(first.markdown).toContain(
    '| list-connection | `Query.integrationsByProvider` | integration | Query.integrationsByProvider returns a list of Integration: make it a IntegrationConnection',
  );

  const recorded = await runSchemaCheck(root, ['--update-baseline']);
  expect(recorded.code).toBe(0);
  const config = JSON.parse(readFileSync(join(root, 'schema-governance.json'), 'utf8'));
  expect(config.lint.baseline['mutation-payload']).toEqual(['Mutation.disableIntegration', 'Mutation.setTriggerEnabled']);
  expect(config.lint.exemptions['list-connection']['Execution.steps']).toMatch(/MAX_STEPS/); // the rest of the file is kept
  const again = await runSchemaCheck(root);
  expect(again.code).toBe(0);
  expect(again.report!.lint).toMatchObject({ findings: [], staleBaseline: [], unusedExemptions: [] });
});

it('fails when a client’s manifest would be refused by the gateway, naming the file', async () => {
  const root = newRoot();
  mkdirSync(join(root, 'clients', 'broken-partner'));
  writeFileSync(
    join(root, 'clients', 'broken-partner', 'persisted-documents.json'),
    JSON.stringify({ ['0'.repeat(64)]: 'query Me { me { id } }' }),
  );
  const { code, report } = await runSchemaCheck(root);

  expect(code).toBe(1);
  expect(report!.operations.clients).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ client: 'broken-partner', refused: expect.stringMatching(/is not the sha256 of its body/) }),
    ]),
  );
  expect(report!.failures).toEqual([
    expect.stringMatching(/^clients\/broken-partner\/persisted-documents\.json would be refused by the gateway/),
  ]);
});

it('with --ci compares with main where the branch left it, and says "same as main" on main itself; --base takes any ref', async () => {
  const root = newRoot();
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '.');
  git(root, 'commit', '--quiet', '-m', 'main');

  const onMain = await runSchemaCheck(root, ['--ci']);
  expect(onMain.code).toBe(0);
  expect(onMain.report!.comparisons[1]).toMatchObject({
    base: 'main (main)',
    status: 'same',
    note: expect.stringMatching(/^HEAD is main \([0-9a-f]{12}\): same as main$/),
  });

  // A branch that removes a field no registered operation uses, recomposed as `npm run compose` would.
  git(root, 'checkout', '--quiet', '-b', 'feature');
  editSubgraph(
    root,
    'core',
    `  "The client application this key is bound to: it may run only that client's trusted documents."\n  clientName: String\n`,
    '',
  );
  recompose(root);
  git(root, 'commit', '--quiet', '-am', 'feature');

  const onBranch = await runSchemaCheck(root, ['--ci']);
  expect(onBranch.code).toBe(0);
  expect(onBranch.report!.comparisons.map((c) => [c.base, c.status])).toEqual([
    ['gateway/supergraph.graphql', 'same'],
    ['main (main)', 'compared'],
  ]);
  expect(onBranch.report!.comparisons[1].changes).toEqual([
    expect.objectContaining({ class: 'breaking', path: 'ApiKey.clientName', usedBy: [] }),
  ]);
  expect(onBranch.report!.warnings).toEqual([
    expect.stringMatching(/^breaking change against main \(main\), used by no registered operation: FIELD_REMOVED ApiKey\.clientName/),
  ]);

  const byRef = await runSchemaCheck(root, ['--base', 'main']);
  expect(byRef.report!.comparisons[1]).toMatchObject({
    base: 'main',
    status: 'compared',
    changes: [expect.objectContaining({ path: 'ApiKey.clientName' })],
  });

  const unknown = await runSchemaCheck(root, ['--base', 'no-such-ref']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/--base no-such-ref: no such commit/);
});
