import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, defaultSubgraphUrls, readSubgraphSources, subgraphNames, supergraphPath } from '../src';

const repoRoot = join(__dirname, '..', '..', '..');

it('composes the four subgraph schemas with their default URLs', () => {
  const outcome = composeSupergraph(readSubgraphSources(repoRoot));
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  for (const name of subgraphNames) {
    expect(outcome.supergraphSdl).toContain(`@join__graph(name: "${name}", url: "${defaultSubgraphUrls[name]}")`);
  }
  // User is one entity; each subgraph contributes its own field.
  expect(outcome.supergraphSdl).toContain('email: String! @join__field(graph: CORE)');
  expect(outcome.supergraphSdl).toContain('workflows(first: Int, after: String): WorkflowConnection! @join__field(graph: WORKFLOW)');
  expect(outcome.supergraphSdl).toContain('integrations: [Integration!]! @join__field(graph: INTEGRATION)');
  expect(outcome.supergraphSdl).toContain('patterns(first: Int, after: String): PatternConnection! @join__field(graph: ANALYTICS)');
});

it('has a committed supergraph.graphql equal to a fresh composition (run `npm run compose -w @flowgraph/gateway`)', () => {
  const outcome = composeSupergraph(readSubgraphSources(repoRoot));
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  expect(readFileSync(supergraphPath(repoRoot), 'utf8')).toBe(outcome.supergraphSdl);
});

it('fails with the composer’s message when a subgraph’s SDL conflicts', () => {
  const sources = readSubgraphSources(repoRoot).map((source) =>
    source.name === 'workflow'
      ? { ...source, sdl: readFileSync(join(__dirname, 'fixtures/workflow-unshared-page-info.graphql'), 'utf8') }
      : source,
  );
  const outcome = composeSupergraph(sources);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.errors.join('\n')).toMatch(
    /INVALID_FIELD_SHARING: Non-shareable field "PageInfo\.\w+" is resolved from multiple subgraphs/,
  );
});

it('names the subgraph whose SDL does not parse', () => {
  const sources = readSubgraphSources(repoRoot).map((source) =>
    source.name === 'analytics' ? { ...source, sdl: 'type Pattern {' } : source,
  );
  const outcome = composeSupergraph(sources);
  expect(outcome).toEqual({ ok: false, errors: [expect.stringMatching(/^\[analytics\] Syntax Error/)] });
});
