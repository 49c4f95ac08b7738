import { writeFileSync } from 'node:fs';
import { composeSupergraph, readSubgraphSources, supergraphPath } from '@flowgraph/supergraph';
import { repositoryRoot } from './root';

/**
 * `npm run compose -w @flowgraph/gateway`: composes the subgraphs' schema.graphql files into
 * gateway/supergraph.graphql (committed; a test fails when it is stale). Exits 1 on errors.
 */
function main(): void {
  const outcome = composeSupergraph(readSubgraphSources(repositoryRoot()));
  if (!outcome.ok) {
    console.error(`Composition failed with ${outcome.errors.length} error(s):`);
    for (const message of outcome.errors) console.error(`  - ${message}`);
    process.exit(1);
  }
  const target = supergraphPath(repositoryRoot());
  writeFileSync(target, outcome.supergraphSdl);
  console.log(`Wrote ${target}${outcome.hints.length ? ` (${outcome.hints.length} composition hints)` : ''}`);
}

main();
