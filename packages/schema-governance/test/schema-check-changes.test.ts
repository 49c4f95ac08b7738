import { editSubgraph, fixtureRoots, repoRoot, runSchemaCheck } from './support/fixture-root';

// Each test changes a copy of our subgraph SDLs and runs the real command on it.
const newRoot = fixtureRoots();

it('passes on this repository: it composes, matches the committed supergraph, every registered operation validates', async () => {
  const out = newRoot(); // a temporary folder for the reports: the repository is only read
  const run = await runSchemaCheck(repoRoot, [], out);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^schema-check: PASS$/m);
  expect(run.report!.composition).toMatchObject({
    ok: true,
    committedSupergraph: 'fresh',
    subgraphs: ['core', 'workflow', 'integration', 'analytics'],
  });
  expect(run.report!.comparisons).toEqual([expect.objectContaining({ base: 'gateway/supergraph.graphql', status: 'same' })]);
  expect(run.report!.operations.clients.map((c) => c.client)).toEqual(expect.arrayContaining(['partner-example', 'web']));
  expect(run.report!.operations.broken).toEqual([]);
  expect(run.report!.lint.findings).toEqual([]);
  expect(run.markdown).toMatch(/^✅ \*\*pass\*\*/m);
});

it('fails when a field a registered client uses is removed, naming the client and the operation', async () => {
  const root = newRoot();
  editSubgraph(root, 'workflow', `  "Whether the workflow's triggers fire. Disabling stops its schedules."\n  isActive: Boolean!\n`, '');
  const { code, report, markdown, stdout } = await runSchemaCheck(root);

  expect(code).toBe(1);
  const removal = report!.comparisons[0].changes.find((c) => c.path === 'Workflow.isActive');
  expect(removal).toMatchObject({ class: 'breaking', type: 'FIELD_REMOVED', subgraphs: ['workflow'] });
  expect(removal!.usedBy).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ client: 'partner-example', operation: 'PartnerWorkflows' }),
      expect.objectContaining({ client: 'web', operation: 'Dashboard' }),
    ]),
  );
  expect(report!.operations.broken).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        client: 'partner-example',
        operation: 'PartnerWorkflows',
        errors: ['Cannot query field "isActive" on type "Workflow".'],
      }),
    ]),
  );
  expect(report!.failures).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /FIELD_REMOVED Workflow\.isActive .* breaks partner-example\/PartnerWorkflows, rest-v1\/.*rest-v1\/RestListWorkflows, .*web\/AcceptSuggestion/,
      ),
    ]),
  );
  expect(stdout).toMatch(/^schema-check: FAIL$/m);
  expect(markdown).toContain(
    "| `partner-example` | `PartnerWorkflows` | 🔴 breaking against `gateway/supergraph.graphql`: Field 'isActive' was removed",
  );
  // Operations that do not select the field are not blamed.
  expect(removal!.usedBy.map((u) => u.operation)).not.toContain('PartnerPatterns');
});

it('passes with a warning when the removed field is used by no registered operation', async () => {
  const root = newRoot();
  editSubgraph(
    root,
    'core',
    `  "The client application this key is bound to: it may run only that client's trusted documents."\n  clientName: String\n`,
    '',
  );
  const { code, report, markdown } = await runSchemaCheck(root);

  expect(code).toBe(0);
  expect(report!.result).toBe('pass');
  expect(report!.comparisons[0].changes).toEqual([
    expect.objectContaining({ class: 'breaking', type: 'FIELD_REMOVED', path: 'ApiKey.clientName', usedBy: [] }),
  ]);
  expect(report!.warnings).toEqual(
    expect.arrayContaining([expect.stringMatching(/used by no registered operation: FIELD_REMOVED ApiKey\.clientName/)]),
  );
  expect(markdown).toMatch(
    /\| 🔴 breaking \| Field 'clientName' was removed from object type 'ApiKey'.* \| `ApiKey.clientName` \| core \| — \|/,
  );
  expect(markdown).toContain('No registered operation is affected.');
});

it('fails composition on a type mismatch across subgraphs with the composer’s message, subgraphs and field', async () => {
  const root = newRoot();
  // Analytics' copy of the shared PageInfo declares hasNextPage as a String.
  editSubgraph(
    root,
    'analytics',
    'type PageInfo @shareable {\n  hasNextPage: Boolean!',
    'type PageInfo @shareable {\n  hasNextPage: String!',
  );
  const { code, report, markdown, stdout } = await runSchemaCheck(root);

  expect(code).toBe(1);
  expect(report!.composition.ok).toBe(false);
  const [error] = report!.composition.errors;
  expect(error.code).toBe('FIELD_TYPE_MISMATCH');
  expect(error.message).toMatch(/Type of field "PageInfo\.hasNextPage" is incompatible across subgraphs/);
  expect(error.subgraphs).toEqual(expect.arrayContaining(['analytics', 'core']));
  expect(error.coordinates).toEqual(['PageInfo.hasNextPage']);
  expect(stdout).toMatch(/composition: FAILED with 1 error/);
  expect(markdown).toContain('❌ The subgraphs do not compose.');
  expect(markdown).toContain('| `FIELD_TYPE_MISMATCH` |');
});

it('classifies an added optional argument as safe; --ci fails the same change while the committed supergraph is stale', async () => {
  const root = newRoot();
  editSubgraph(
    root,
    'workflow',
    '  workflowTemplates: [WorkflowTemplate!]!',
    '  workflowTemplates(connector: String): [WorkflowTemplate!]!',
  );
  const local = await runSchemaCheck(root);

  expect(local.code).toBe(0);
  expect(local.report!.comparisons[0].changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ class: 'safe', type: 'FIELD_ARGUMENT_ADDED', path: 'Query.workflowTemplates.connector' }),
    ]),
  );
  expect(local.report!.comparisons[0].changes.filter((c) => c.class !== 'safe')).toEqual([]);
  expect(local.report!.warnings).toEqual(
    expect.arrayContaining([expect.stringMatching(/differs from a fresh composition: run `npm run compose`/)]),
  );

  const ci = await runSchemaCheck(root, ['--ci']);
  expect(ci.code).toBe(1);
  expect(ci.report!.failures).toEqual([expect.stringMatching(/gateway\/supergraph\.graphql differs from a fresh composition/)]);
  // Not a git checkout: the comparison with main is skipped with a line, not an error.
  expect(ci.report!.comparisons[1]).toMatchObject({
    base: 'main',
    status: 'skipped',
    note: expect.stringMatching(/is not a git checkout/),
  });
});
